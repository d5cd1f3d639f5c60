-- print, hexdump, tohex (spec 7).
print("a", 1, nil, true, false, 80, 2.5)
print()
print(-0.5, 10 / 2, 1e15, 2 / 3, 2 ^ 53)
print(setmetatable({}, { __tostring = function() return "custom" end }))

hexdump("OK\r\n\0\127z9 #")
hexdump("")
hexdump("abcdefgh")
hexdump("\255\128 ~")
local lines = {}
hexdump("0123456789", function(line) lines[#lines + 1] = line end)
print(#lines)
print(lines[1])
print(lines[2])

print(tohex("DF 80 70") == "\223\128\112", #tohex("df8070"), tohex("") == "")
print(tohex(" 4 1\t42\n43 ") == "ABC")
print((pcall(tohex, "ABC")), (pcall(tohex, "zz")), (pcall(tohex)))
print(select("#", tohex("00")))
print("END")
