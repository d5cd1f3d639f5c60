-- Base64 and data encodings (host spec 7.2): C4:Base64Encode, C4:Base64Decode, C4:Encode, C4:Decode.
local function hex(s)
  return s and (s:gsub(".", function(c) return string.format("%02x", c:byte()) end)) or "nil"
end

for _, s in ipairs { "", "f", "fo", "foo", "foob", "fooba", "foobar", "\0\255\254", string.rep("x", 60) } do
  local encoded = C4:Base64Encode(s)
  print("encode", hex(s), encoded, C4:Base64Decode(encoded) == s)
end
print("number argument", C4:Base64Encode(42))
print("whitespace", C4:Base64Decode(" Zm9v\r\nYmE\t"))
print("no padding", C4:Base64Decode("Zm9vYg"))
print("invalid", "[" .. C4:Base64Decode("Zm9v!") .. "]", "[" .. C4:Base64Decode("Z") .. "]")
print("Base64Encode()", pcall(C4.Base64Encode, C4))
print("Base64Decode({})", pcall(C4.Base64Decode, C4, {}))

print("HEX", C4:Encode("\0\171\127", "HEX"))
print("hex in", hex(C4:Decode("00AbfF", "hex")))
print("BASE64", C4:Encode("foobar", "Base64"))
print("base64 in", C4:Decode("Zm9v YmFy", "BASE64"))
print("NONE", C4:Encode("raw", "NONE"), C4:Decode("raw", "none"))
print("results", select("#", C4:Encode("x", "HEX")))
print("bad hex", C4:Decode("abc", "HEX"))
print("bad base64", C4:Decode("Zm-v", "BASE64"))
print("unknown", C4:Encode("x", "ROT13"))
print("no data", C4:Encode(nil, "HEX"))
print("no encoding", C4:Decode("x"))
print("END")
