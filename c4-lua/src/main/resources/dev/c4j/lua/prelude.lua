-- The c4j prelude: the engine-neutral globals written in Lua. It runs once in every fresh driver state, before the
-- driver's chunk. Java hands in its hidden helpers as arguments; no global names them.
local printLine, hexdumpLines, bitLib, lpack = ...
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
if package then
  package.loadlib = nil
  package.cpath = ''
  local searchers = package.loaders or package.searchers
  if searchers then
    for i = #searchers, 3, -1 do -- keep the preload and Lua-file searchers, drop the C ones
      searchers[i] = nil
    end
  end
  for _, name in ipairs { 'io', 'ffi', 'java', 'luajava' } do
    if package.loaded then package.loaded[name] = nil end
    if package.preload then package.preload[name] = nil end
  end
  if package.loaded then package.loaded.debug = debug end
end
