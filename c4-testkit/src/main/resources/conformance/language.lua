-- The Lua 5.1 language surface drivers rely on (spec 9). Where the engines differ, the expected files show
-- what each one does; LuaJ (a Lua 5.2) is made to behave like C Lua 5.1.
local function show(label, ...)
  local parts = {}
  for i = 1, select("#", ...) do parts[i] = tostring((select(i, ...))) end
  print(label, table.concat(parts, " "))
end

show("unpack", unpack({ 1, 2, 3 }))
show("loadstring", loadstring("return 1 + 1")())
show("loadstring error", loadstring("return +"))
local env = { x = "from env" }
local function readX() return x end
show("setfenv", pcall(function() setfenv(readX, env); return readX() end))
show("getfenv", pcall(function() return getfenv(readX) == env end))
show("table.getn", table.getn({ 1, 2, 3 }), table.maxn({ [1] = 1, [7] = 7 }))
local seen = {}
table.foreachi({ "a", "b" }, function(i, v) seen[#seen + 1] = i .. v end)
show("table.foreachi", table.concat(seen, ","))
local words = {}
if string.gfind then  -- LuaJIT dropped it
  for w in string.gfind("one two", "%a+") do words[#words + 1] = w end
end
show("string.gfind", table.concat(words, ","))
show("math.log10", math.log10(1000), math.mod and math.mod(7, 3), math.fmod(7, 3), math.pow(2, 10))
show("#", #"a\0b", #"\0\0\0")
show("escapes", "\65\066\0677" == "ABC7", "\x41" == "A" or "\x41")
local lenient = loadstring([[return "a\.b"]])
show("lenient escape", lenient and lenient())
show("%d 2^31", string.format("%d", 2 ^ 31))
show("format width", string.format("[%5.2f|%-5d|%05.1f|%10s|%.3s|%x|%X|%o|%e|%g|%g]",
  3.14159, 42, 2.5, "right", "truncate", 255, 255, 8, 12345.678, 0.0001, 1e20))
show("%q", (string.gsub(string.format("%q", "a\nb\0c\"\\\r"), "\n", "<LF>")))
show("numbers", 2 / 3, 1e15, 1e16, 2 ^ 63, 1 / 0, -1 / 0, 100, 100.5)
show("tonumber", tonumber("0x10"), tonumber(" 10 "), tonumber("1e2"), tonumber("z", 36), tonumber("10", 2))
show("math", math.floor(-3.5), math.ceil(-3.5), math.huge, math.max(1, 5, 3), math.min(4, 2))
local upper, lower = string.upper("aZ\233\255"), string.lower("Az\201\255")
show("upper lower", upper == "AZ\233\255", lower == "az\201\255")
local classes = {}
for _, class in ipairs({ "%a", "%c", "%d", "%l", "%p", "%s", "%u", "%w", "%x" }) do
  local n = 0
  for b = 0, 255 do
    if string.find(string.char(b), "^" .. class .. "$") then n = n + 1 end
  end
  classes[#classes + 1] = class .. "=" .. n
end
show("classes", table.concat(classes, " "))
show("high bytes", string.find("\200\201", "%a"), string.find("x\233", "%W"))
show("bit", bit.band(0xff, 0x0f), bit.bor(1, 2), bit.bxor(3, 1), bit.lshift(0xc0, 24), bit.rshift(-1, 28),
  bit.arshift(-16, 2), bit.bnot(0), bit.tobit(2 ^ 32 + 1))
local function varargs(...) return type(arg), arg and arg.n end  -- 5.1's implicit arg (a body without ...)
show("arg in varargs", varargs(1, 2))
show("select", select("#", nil, nil), select(2, "a", "b", "c"))
show("string.rep", string.rep("ab", 3), string.rep("x", 0) == "", string.rep("x", -1) == "")
show("byte char", string.byte("\255\0", 1, 2), string.char(0, 255) == "\0\255")
show("coroutine", coroutine.resume(coroutine.create(function(a) return a * 2 end), 21))
show("pcall error", select(2, pcall(error, { code = 1 })).code)
show("error level", pcall(error, "msg", 0), pcall(error, "msg", 2) and "?" or "raised")
show("string methods", ("abc"):upper(), ("%d"):format(5), #("x"):rep(3))
show("gsub", string.gsub("hello world", "o", "0"), string.gsub("abc", "%w", "%0%0"), string.gsub("abc", "", "-"))
show("find", string.find("a.b", ".", 1, true), string.find("abc", "b()"), string.match("key=val", "(%w+)=(%w+)"))
print("END")
