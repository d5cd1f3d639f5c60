-- Runtime errors of common mistakes, as pcall returns them: C Lua 5.1's messages, which name the variable
-- ("global 'Foo'", "method 'Send'", ...), on the line 5.1 reports; and the shape of tostring of functions,
-- tables, threads and our objects. The same on every engine.
local function try(label, f)
  print(label, select(2, pcall(f)))
end

local t = { b = {} }
local up
try("call nil global", function() Foo() end)
try("call nil method", function() t:Missing() end)
try("call nil field", function() t.x() end)
try("call nested field", function() t.b.c() end)
try("index nested field", function() t.b.c.d() end)
try("index nil local", function() local l; return l.x end)
try("index nil field", function() return t.x.y end)
try("index nil upvalue", function() return up.x end)
try("index nil global", function() return Undefined.x end)
try("assign into nil", function() local l; l.x = 1 end)
try("arith nil field", function() return t.n + 1 end)
try("arith nil local", function() local n; return 1 + n end)
try("arith string", function() local s = "ten"; return s * 2 end)
try("unary minus", function() return -up end)
try("length of nil", function() return #up end)
try("concat table", function() local tbl = {}; return "a" .. tbl end)
try("concat nil field", function() return t.name .. "!" end)
try("compare number nil", function() return 1 < up end)
try("compare nil number", function() return 1 > up end)
try("compare tables", function() return {} <= {} end)
try("call number", function() local n = 5; n() end)
try("call in a return", function() return Missing(1) end)
try("nil index", function() t[nil] = 1 end)
try("multi-line arith", function()
  local x = t.n
    + 1
end)
try("multi-line concat", function()
  local s = "a" ..
    t.name
end)
try("multi-line call", function()
  Missing(1,
    2)
end)
try("method on next line", function()
  local v = t
    :Missing(1)
end)
try("in a constructor", function()
  print(1, {
    a = t.x.y,
  })
end)
print("xpcall", xpcall(function() Foo() end, function(m) return "handled: " .. m end))

local function shape(label, value, pattern)
  print(label, type(value), string.find(tostring(value), pattern) ~= nil)
end
local a, b = {}, {}
shape("table", a, "^table: 0x%x+$")
shape("function", shape, "^function: 0x%x+$")
shape("print", print, "^function: 0x%x+$")
shape("C4 method", C4.SetTimer, "^function: 0x%x+$")
shape("library function", string.format, "^function: ") -- LuaJIT: "function: builtin#N"
shape("thread", coroutine.create(print), "^thread: 0x%x+$")
shape("timer", C4:SetTimer(1000, function() end), "^C4LuaTimer: 0x%x+$")
print("stable", tostring(a) == tostring(a), "unique", tostring(a) ~= tostring(b))
print("END")
