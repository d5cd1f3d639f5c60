-- string.format: every flag, width and precision combination over the conversions.
local flags = {"", "-", "+", " ", "#", "0", "-#0", "+ 0"}
local widths = {"", "9", "22"}
local precisions = {"", ".", ".0", ".3", ".17"}
local conversions = {
  {"d", {0, 1, -1, 42.9, -42.9, 2^31, 2^53, -2^63, 1e20, 0/0}},
  {"i", {0, 7, -7, 123456789}},
  {"u", {0, 1, -1, 255, 2^63, 1e20}},
  {"o", {0, 8, -8, 511}},
  {"x", {0, 255, -1, 2^40 + 0.5}},
  {"X", {0, 48879, -2}},
  {"e", {0, 1, -1.5, 123.456, 1e-300, 1e300, 1/0, -1/0, 0/0, 0.000123456, 9.9999999}},
  {"E", {0, 99999.5e5, -(0/0)}},
  {"f", {0, 1, -1.5, 0.5, 2.5, 0.125, 123.456, 1e20, 1e-7, 1/0, 0/0, 999.9999}},
  {"g", {0, 1, -1.5, 100000, 1e6, 1e-4, 1e-5, 123.456, 1e20, 0.1, 2/3, 1/0, 0/0, 999999.5, 0.00001234}},
  {"G", {1e-10, 1e15, -(0/0), -1/0, 123456789}},
  {"c", {65, 0, 300, -1, 2^32 + 66}},
  {"s", {"", "abc", "a\0b", 12.5, 7}},
}
for _, flag in ipairs(flags) do
  for _, width in ipairs(widths) do
    for _, precision in ipairs(precisions) do
      for _, conversion in ipairs(conversions) do
        local format = "%" .. flag .. width .. precision .. conversion[1]
        local out = {}
        for _, v in ipairs(conversion[2]) do out[#out + 1] = "[" .. string.format(format, v) .. "]" end
        print(format, table.concat(out))
      end
    end
  end
end
