-- lpack's string.pack / string.unpack (host spec 7.6, rules L1-L7), the same on every engine.
local function hex(s)
  return (s:gsub(".", function(c) return string.format("%02x", c:byte()) end))
end
local function show(...)
  local parts = {}
  for i = 1, select("#", ...) do
    local v = select(i, ...)
    parts[i] = type(v) == "string" and string.format("%q", v) or tostring(v)
  end
  return table.concat(parts, " ")
end

print("installed", type(string.pack), type(string.unpack))
print("docs pack", hex(string.pack("b>l", 22, 16909060)))
print("docs unpack", string.unpack("\22\1\2\3\4", "b>l"))
print("L1 count", hex(string.pack("b3", 1, 2, 3)), hex(string.pack("b, h b", 1, 2, 3)), hex(string.pack("A2", "ab", "cd")))
print("L2 init", show(string.unpack("\9\9\7\0\8", "bh", 3)))
print("L3 A", show(string.unpack("hello world", "A5")), show(string.unpack("hello", "A")), show(string.unpack("hello", "A0b")))
print("L4 short", show(string.unpack("\1\2", "bbb")), show(string.unpack("\1\2\3", "b>i")), show(string.unpack("\5abc", "p")),
  show(string.unpack("abc", "z")), show(string.unpack("\1", "b", 5)))
print("L5 sizes", hex(string.pack("hil", 1, 2, 3)), hex(string.pack("=H>H<H", 1, 1, 1)), hex(string.pack("a", "xy")))
print("L5 signs", show(string.unpack(string.rep("\255", 10), "cbhH")), show(string.unpack(string.rep("\255", 8), "iI")),
  show(string.unpack(string.rep("\255", 8), "lL")))
print("L6 truncation", hex(string.pack("b", 256)), hex(string.pack("b", -1)), hex(string.pack("b", 2.9)),
  hex(string.pack("b", -2.9)), hex(string.pack(">i", 2 ^ 32 + 5)), #string.pack("p", string.rep("x", 300)),
  string.pack("p", string.rep("x", 300)):byte(1))
print("L7 bad code", pcall(string.pack, "bq", 1, 2))
print("L7 unpack", pcall(string.unpack, "\1", "x"))
local packed = string.pack("zpPaAfdn", "zero", "byte", "word", "size", "bare", 1.5, math.pi, -0.25)
print("round trip", #packed, show(string.unpack(packed, "zpPaA4fdn")))
print("floats", hex(string.pack(">d", 1)), hex(string.pack("<f", -2)))
print("numeric strings", hex(string.pack("b", "7")), show(string.unpack("\7", "b", "1")))
-- the websocket module's header read: ten bytes asked of a shorter buffer
print("websocket", show(string.unpack("\129\5", ">bbbbbbbbbb")))
print("missing value", pcall(string.pack, "bb", 1))
print("bad value", pcall(string.pack, "b", {}))
print("no format", pcall(string.unpack, "x"))
print("bad init", pcall(string.unpack, "x", "b", 0))
print("END")
