-- The trusted runtime of one native c4j state (PUC Lua 5.1 or LuaJIT, through LuaJava).
--
-- NativeLuaState runs this chunk once, with every library open, passing the Java function that records
-- collected objects. It keeps private references to what it needs, closes the sandbox (spec section 9), and
-- returns the helpers that Java calls through registry references. Driver code never sees this table.

local collect = ...

local G = _G
local type, tostring, pcall, pairs, ipairs, setmetatable, getmetatable, collectgarbage, error, select =
      type, tostring, pcall, pairs, ipairs, setmetatable, getmetatable, collectgarbage, error, select
local newproxy, format, dump, byte = newproxy, string.format, string.dump, string.byte
local getfenv, setfenv, getinfo, traceback = debug.getfenv, debug.setfenv, debug.getinfo, debug.traceback
local load, loadstring, sort = load, loadstring, table.sort

-- The sandbox ------------------------------------------------------------------------------------------------
-- Kept: the Lua 5.1 base library, string, table, math, coroutine, LuaJIT's bit. Gone: io, package/require/
-- module, dofile/loadfile, LuaJava's java bridge, ffi, and newproxy (with it a driver could attach a __gc
-- that raises inside an allocation Java makes, which would unwind through JNI frames; LuaJ lacks it too).
local kept = {
  _G = true, _VERSION = true, assert = true, collectgarbage = true, error = true, gcinfo = true,
  getfenv = true, getmetatable = true, ipairs = true, load = true, loadstring = true, next = true,
  pairs = true, pcall = true, print = true, rawequal = true, rawget = true, rawset = true, select = true,
  setfenv = true, setmetatable = true, tonumber = true, tostring = true, type = true, unpack = true,
  xpcall = true, coroutine = true, string = true, table = true, math = true, bit = true,
}
local os, jit = G.os, G.jit
for name in pairs(G) do
  if not kept[name] then G[name] = nil end
end
G.os = { time = os.time, date = os.date, clock = os.clock, difftime = os.difftime }
G.debug = { traceback = traceback }

-- Arguments checked as luaL_check* does, for the functions replaced below: the originals, called from here, would
-- name themselves after our locals in their messages.
local function argerror(n, fname, expected, ...)
  local got = select('#', ...) < n and "no value" or type((select(n, ...)))
  error("bad argument #" .. n .. " to '" .. fname .. "' (" .. expected .. " expected, got " .. got .. ")", 3)
end

local function isstring(v)
  local t = type(v)
  return t == "string" or t == "number"
end

-- os.getenv: always nil; the host's environment is none of a driver's business.
function G.os.getenv(...)
  if not isstring((...)) then argerror(1, "getenv", "string", ...) end
  return nil
end

-- Text chunks only (see TextChunks.java): PUC Lua 5.1 does not verify bytecode, and crafted bytecode reads and
-- writes arbitrary memory; LuaJIT crashes on some. A binary chunk starts with ESC (27).
local BINARY = "attempt to load a binary chunk (mode is 't')"

function G.loadstring(...)
  local s, chunkname = ...
  if not isstring(s) then argerror(1, "loadstring", "string", ...) end
  if chunkname ~= nil and not isstring(chunkname) then argerror(2, "loadstring", "string", ...) end
  if byte(s, 1) == 27 then return nil, BINARY end
  return loadstring(s, chunkname)
end

-- load(reader[, chunkname]); LuaJIT also takes a string. The reader's first piece decides: a binary one ends the
-- chunk there (an error raised in a reader would reach the message handler of our call into Lua).
function G.load(...)
  local chunk, chunkname = ...
  local t = type(chunk)
  local binary = false
  if t == "string" and jit then
    binary = byte(chunk, 1) == 27
  elseif t == "function" then
    local reader, first = chunk, true
    chunk = function()
      if binary then return nil end
      local piece = reader()
      if first and piece ~= nil then
        first = false
        if type(piece) == "string" and byte(piece, 1) == 27 then
          binary = true
          return nil
        end
      end
      return piece
    end
  else
    argerror(1, "load", "function", ...)
  end
  if chunkname ~= nil and not isstring(chunkname) then argerror(2, "load", "string", ...) end
  if binary then return nil, BINARY end
  local f, message = load(chunk, chunkname)
  if binary then return nil, BINARY end
  return f, message
end

if jit then
  -- LuaJIT counts no C calls: a C function calling itself back (__tostring = tostring, table.sort as its own
  -- comparator) would recurse to the end of the native stack without running a Lua instruction, where the
  -- engine's stack check (a count hook) could see it. As Lua functions they run instructions; and as they do not
  -- tail-call, each level takes Lua stack too, so the recursion ends in Lua's own "stack overflow" at worst.
  function G.tostring(...)
    if select('#', ...) == 0 then argerror(1, "tostring", "value", ...) end
    local s = tostring((...))
    return s
  end

  function G.table.sort(...)
    local t, comp = ...
    if type(t) ~= "table" then argerror(1, "sort", "table", ...) end
    if comp ~= nil and type(comp) ~= "function" then argerror(2, "sort", "function", ...) end
    sort(t, comp)
  end
end

if jit then
  -- Drivers may test for `jit` and switch it on or off; VM event hooks (jit.attach) are left out.
  G.jit = { version = jit.version, version_num = jit.version_num, os = jit.os, arch = jit.arch,
            on = jit.on, off = jit.off, flush = jit.flush, status = jit.status, opt = jit.opt }
end

-- Objects ----------------------------------------------------------------------------------------------------
-- Lua alone decides an object's lifetime: `objects` holds it weakly, `pinned` strongly while Java pins it.
-- Handlers live in the object's own environment table, where the collector sees cycles through them.
-- `nursery` holds new objects until Java's current top-level call into Lua has returned, so a GC step cannot
-- take an object before Lua code had a chance to reference it.
local objects = setmetatable({}, { __mode = "v" })
local pinned = {}
local nursery = {}
local armed = {}  -- every metatable whose __gc calls Java, disarmed before the state closes

local rt = { objects = objects, pinned = pinned, globals = G }

-- The runaway guard interrupts Lua code from a count hook, which code compiled by the JIT never calls: with the
-- guard on, LuaJIT interprets (and jit.on does nothing).
function rt.interpretonly()
  if jit then
    jit.off()
    G.jit.on = function() end
  end
end

function rt.newtype(name, methods)
  local proto = newproxy(true)
  local mt = getmetatable(proto)
  mt.__index = methods
  mt.__gc = collect
  mt.__tostring = function(o) return format("%s: 0x%08x", name, getfenv(o).id) end
  mt.__metatable = false  -- drivers can neither read nor change our metatables
  armed[#armed + 1] = mt
  return proto
end

function rt.newobject(proto, id)
  local o = newproxy(proto)
  setfenv(o, { id = id })
  objects[id] = o
  nursery[id] = o
  return o
end

function rt.clearnursery()
  nursery = {}
end

function rt.sethandler(id, slot, f)
  local o = objects[id]
  if o ~= nil then getfenv(o)[slot] = f end
end

-- handler(object, ...) as a tail call: a traceback then starts in the driver's function, as if Java had
-- called it directly. Java has checked that the object lives and the slot is set.
function rt.dispatch(id, slot, ...)
  local o = objects[id]
  if o ~= nil then return getfenv(o)[slot](o, ...) end
end

-- The fixed parameter count of a function, -1 when vararg or not a Lua function.
local function params(f)
  local info = getinfo(f, "Su")
  if info.what == "C" then return -1 end
  if info.nparams ~= nil then  -- LuaJIT 2.1
    return info.isvararg and -1 or info.nparams
  end
  -- PUC 5.1: numparams and is_vararg follow the source name and line info in the function header of
  -- string.dump; the 12-byte header gives endianness and the sizes of int and size_t.
  local d = dump(f)
  local little, intsize, sizesize = byte(d, 7, 9)
  local n = 0
  for i = sizesize - 1, 0, -1 do
    n = n * 256 + byte(d, little == 1 and 13 + i or 13 + sizesize - 1 - i)
  end
  local at = 13 + sizesize + n + 2 * intsize + 1  -- past source, linedefined, lastlinedefined, nups
  local numparams, isvararg = byte(d, at, at + 1)
  return isvararg ~= 0 and -1 or numparams
end

function rt.params(id, slot)
  local o = objects[id]
  local f = o ~= nil and getfenv(o)[slot]
  if type(f) ~= "function" then return -2 end
  return params(f)
end

-- A function calling f whose upvalue `sentinel` is collected with it: its __gc tells Java.
function rt.wrap(f, sentinel)
  return function(...)
    local _ = sentinel
    return f(...)
  end
end

-- The message handler of every call Java makes: {message, message + traceback}. Non-string errors are
-- described as lua.c does.
function rt.onerror(e)
  local message
  local t = type(e)
  if t == "string" then
    message = e
  elseif t == "number" then
    message = tostring(e)
  else
    local mt = getmetatable(e)
    local ok, text = false, nil
    if type(mt) == "table" and mt.__tostring then ok, text = pcall(tostring, e) end
    message = (ok and type(text) == "string") and text or "(error object is a " .. t .. " value)"
  end
  return { message, traceback(message, 2) }
end

function rt.getglobal(name)
  return G[name]
end

function rt.setglobal(name, value)
  G[name] = value
end

function rt.collect()
  collectgarbage("collect")
end

function rt.disarm()
  for _, mt in ipairs(armed) do mt.__gc = nil end
end

return rt
