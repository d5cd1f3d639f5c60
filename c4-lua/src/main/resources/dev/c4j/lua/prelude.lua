-- The c4j prelude: the engine-neutral globals written in Lua. It runs once in every fresh driver state, before the
-- driver's chunk. Java hands in its hidden helpers as arguments; no global names them.
local printLine, hexdumpLines, bitLib, lpack, readPackageFile = ...
local select, type, ipairs, concat = select, type, ipairs, table.concat

-- print: standard Lua 5.1 semantics (every argument through the global tostring, looked up at each call,
-- tab-separated), one output line per call.
function print(...)
  local n = select('#', ...)
  local parts = { ... }
  for i = 1, n do
    local s = tostring(parts[i])
    local t = type(s)
    if t ~= 'string' and t ~= 'number' then
      error("'tostring' must return a string to 'print'", 2)
    end
    parts[i] = s
  end
  printLine(concat(parts, '\t', 1, n))
end

-- hexdump(s[, out]): one line per 8 bytes, each through print, or through out when given.
function hexdump(...)
  local lines = hexdumpLines(...) -- checks the arguments as given ("no value" stays "no value")
  local out = select(2, ...) or print
  for i = 1, #lines do
    out(lines[i])
  end
end

-- bit: LuaJIT has its own (BitOp); elsewhere ours. bit.mod, which the DriverWorks docs list, is not BitOp's:
-- it is ours everywhere.
if bit == nil then
  bit = bitLib
elseif bit.mod == nil then
  bit.mod = bitLib.mod
end

-- string.pack / string.unpack are lpack's, as on the controller (host spec 7.6), over whatever the engine has.
string.pack, string.unpack = lpack.pack, lpack.unpack

-- Sandbox, belt and braces: whatever the engine opened, drivers get no files, no process control and no
-- native modules.
io = nil
if os then
  for _, name in ipairs { 'execute', 'exit', 'remove', 'rename', 'tmpname', 'setlocale' } do
    os[name] = nil
  end
end
loadfile, dofile = nil, nil
java, luajava = nil, nil
if debug then
  debug = { traceback = debug.traceback }
end
-- package and require (host spec 1.5): Lua 5.1's, written once for every engine, with modules searched only
-- inside the driver package (Q3); the engines' own package libraries are replaced.
do -- its own scope: print above looks tostring up globally at each call, these locals must not shadow it
local error, tostring, loadstring, gsub = error, tostring, loadstring, string.gsub
package = { loaded = {}, preload = {}, path = '?.lua', cpath = '', config = '/\n;\n?\n!\n-' }
local loaded, preload = package.loaded, package.preload
for _, name in ipairs { 'string', 'table', 'math', 'coroutine', 'os', 'debug', 'bit', 'package' } do
  loaded[name] = _G[name]
end
loaded._G = _G

local function searchPreload(name)
  local loader = preload[name]
  if loader == nil then
    return "\n\tno field package.preload['" .. name .. "']"
  end
  return loader
end

local function searchPackage(name)
  local file = gsub(name, '%.', '/') .. '.lua'
  local source, why = readPackageFile(file)
  if source == nil then
    return "\n\tno file '" .. file .. "'" .. (why or '')
  end
  local chunk, message = loadstring(source, '@' .. file)
  if chunk == nil then
    error("error loading module '" .. name .. "' from file '" .. file .. "':\n\t" .. message, 3)
  end
  return chunk
end

package.loaders = { searchPreload, searchPackage }

local LOADING = {} -- marks a module whose loader runs (or failed): requiring it again is 5.1's loop error

function require(name)
  local t = type(name)
  if t ~= 'string' and t ~= 'number' then
    error("bad argument #1 to 'require' (string expected, got " .. (name == nil and 'no value' or t) .. ")", 2)
  end
  name = tostring(name)
  local value = loaded[name]
  if value ~= nil then
    if value == LOADING then
      error("loop or previous error loading module '" .. name .. "'", 2)
    end
    return value
  end
  local tried = {}
  local loader
  for _, search in ipairs(package.loaders) do
    local found = search(name)
    if type(found) == 'function' then
      loader = found
      break
    elseif type(found) == 'string' then
      tried[#tried + 1] = found
    end
  end
  if loader == nil then
    error("module '" .. name .. "' not found:" .. concat(tried), 2)
  end
  loaded[name] = LOADING
  local result = loader(name)
  if result ~= nil then
    loaded[name] = result
  end
  if loaded[name] == LOADING then
    loaded[name] = true
  end
  return loaded[name]
end
end

-- The host's hidden helper for Properties[k] = v and Variables[k] = v (rule H3): the driver's own tables are
-- updated in place, whatever the driver did with the globals meanwhile.
return function(tableName, key, value)
  local t = _G[tableName]
  if type(t) == 'table' then
    t[key] = value
  end
end
