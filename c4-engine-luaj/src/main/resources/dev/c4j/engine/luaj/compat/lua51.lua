-- Lua 5.1 functions that LuaJ's 5.2 libraries lack and that are simplest in Lua (spec section 9).
local type, pairs, floor, collectgarbage = type, pairs, math.floor, collectgarbage

table.getn = function(t) return #t end

table.maxn = table.maxn or function(t)
  local max = 0
  for k in pairs(t) do
    if type(k) == 'number' and k > max then max = k end
  end
  return max
end

table.foreach = function(t, f)
  for k, v in pairs(t) do
    local r = f(k, v)
    if r ~= nil then return r end
  end
end

table.foreachi = function(t, f)
  for i = 1, #t do
    local r = f(i, t[i])
    if r ~= nil then return r end
  end
end

string.gfind = string.gmatch
math.mod = math.fmod
math.pow = math.pow or function(x, y) return x ^ y end

function gcinfo()
  return floor(collectgarbage('count'))
end
