-- Pattern classes on all 256 byte values, through find, match, gmatch and gsub.
local function hex(s)
  return (string.gsub(s, ".", function(c) return string.format("%02x", string.byte(c)) end))
end
local function try(f)
  local ok, a, b = pcall(f)
  if ok then return a, b end
  -- the position: "chunk:12: " in C Lua, "=chunk:12 " from LuaJ's own pcall (these tests run without c4j's)
  return "error: " .. (string.gsub(tostring(a), "^[^:]*:%d+:? ", ""))
end
local bytes = {}
for b = 0, 255 do bytes[#bytes + 1] = string.char(b) end
local all = table.concat(bytes)

local classes = {"a", "c", "d", "l", "p", "s", "u", "w", "x", "z",
                 "A", "C", "D", "L", "P", "S", "U", "W", "X", "Z"}
for _, cl in ipairs(classes) do
  local p = "%" .. cl
  local bits = {}
  for b = 0, 255 do
    bits[#bits + 1] = string.find(string.char(b), "^" .. p .. "$") and "1" or "0"
  end
  print(cl, table.concat(bits))
  local runs = {}
  for run in string.gmatch(all, p .. "+") do runs[#runs + 1] = string.byte(run) .. "x" .. #run end
  local first = string.match(all, "(" .. p .. "+)")
  print(cl, select(2, string.gsub(all, p, "")), select(2, string.gsub(all, "[" .. p .. "]", "")),
        select(2, string.gsub(all, "[^" .. p .. "]", "")), table.concat(runs, ","),
        first and hex(first), string.find(all, p .. p .. p))
end

-- dot, ranges, literal high bytes, sets mixing classes and ranges
print(select(2, string.gsub(all, ".", "")), select(2, string.gsub(all, "[\128-\255]", "")),
      select(2, string.gsub(all, "[a-\200]", "")), string.find(all, "\255"),
      try(function() return string.find(all, "[\0-\31]+") end), string.find(all, "[\1-\31]+"))
print(select(2, string.gsub(all, "[%a_\192-\223]", "")), select(2, string.gsub(all, "[^%w%s]", "")),
      select(2, string.gsub(all, "[%]%-]", "")), select(2, string.gsub(all, "[]]", "")))
-- frontier over all bytes
print(select(2, string.gsub(all, "%f[%a]", "")), select(2, string.gsub(all, "%f[%W]", "")),
      select(2, string.gsub(all, "%f[%z]", "")), select(2, string.gsub(all, "%f[\128-\255]", "")))

-- upper / lower: ASCII only
print(hex(string.upper(all)))
print(hex(string.lower(all)))
print(string.upper("h\233llo W\214rld"), string.lower("H\201LLO"))
