-- Numbers to text (tostring, .., table.concat, %s) and text to numbers (tonumber, coercion).
local values = {2/3, 1/3, 0.1, 0.1 + 0.2, 1e15, 1e14, 123456789012345, 1e100, 2^53, 2^63, -2^63, 2^31,
                -2^31 - 1, 1e-5, 1e-4, 5e-324, 1.7976931348623157e308, 100/3, 3.14159265358979, 80, 1/0, -1/0,
                0/0, -(0/0), 99999999999999.5, 0.000099999999999995, 12345678.9, 2^24, 1e16, 1e21, 0.5, -7.25}
local x = 1
for i = 1, 200 do x = x * 7.77 / 3; values[#values + 1] = x end
x = 1
for i = 1, 200 do x = x / 3.3; values[#values + 1] = -x end
local seed = 12345
for i = 1, 300 do
  seed = (seed * 16807) % 2147483647
  local v = seed / 2147483647
  for k = 1, seed % 37 do v = v * 10 end
  for k = 1, seed % 23 do v = v / 10 end
  values[#values + 1] = v
end
for i, v in ipairs(values) do
  print(i, v, v .. "|", table.concat({v, v / 7}, ","), string.format("%s %.14g %g %.3e %.17g", v, v, v, v, v))
end
print(math.floor(2^40), math.floor(1e15), math.floor(-2^53), math.ceil(2^33 - 0.5), math.floor(-0.5), 2^31, 2^32)
print(math.huge, -math.huge, math.pi, -math.pi, math.sqrt(2), 8 % 3, -8 % 3, 5.5 % 2, 2^0.5, 7 / 2, 10 / 2)

local texts = {"0x10", " 10 ", "1e2", "0x", "", " ", "1.5e", ".5", "5.", "0x1p4", "inf", "-Infinity", "  0x1F  ",
               "1 2", "\t10\n", "-0x10", "1e400", "0x7fffffffffffffff", "1e", "e1", "0X1a", "- 1", "+1", "1e+",
               "0x.8", "10\0", "42\r", "\v7\f", "0x1P-2", "1E+2", "--1", "0xg", "1d", "1f", "1_0", ".", "-.5",
               "00012", "1e-400", "123456789012345678", " -12 ", "999999999999999", "1e5 "}
for _, t in ipairs(texts) do
  local ok, sum = pcall(function() return t + 0 end)
  print(string.format("%q", t), tonumber(t), ok and sum or "not a number")
end
local based = {{"10", 16}, {"ff", 16}, {"FF", 16}, {"0x1f", 16}, {"8", 8}, {"z", 36}, {" 11 ", 2}, {"1.5", 10},
               {"-ff", 16}, {"", 10}, {"7fffffff", 16}, {"ffffffffffffffffff", 16}, {"12", 2}, {"-10", 10},
               {"0x", 16}, {"zz", 36}, {"10\0", 16}}
for _, b in ipairs(based) do
  print(string.format("%q", b[1]), b[2], tonumber(b[1], b[2]))
end
print(string.rep("ab", 3), string.rep("ab", 0), string.rep("ab", -1), string.rep("x", 2.7), string.rep("", 5),
      string.rep("x", "3"))
print(#"a\0b\0", ("a\0b"):len(), string.byte("\255"), string.char(255, 0, 65):byte(1, -1))
