-- Digests, HMAC, PBKDF2, ciphers, UUID (host spec 7.3). Binary results print as hex.
local HEX = { return_encoding = "HEX" }
local function hex(s)
  return s and (s:gsub(".", function(c) return string.format("%02x", c:byte()) end)) or "nil"
end
local function sorted(t)
  local keys = {}
  for k in pairs(t) do keys[#keys + 1] = k end
  table.sort(keys)
  return keys
end

for _, digest in ipairs(sorted(C4:GetSupportedDigests())) do
  print("digest", digest, C4:GetSupportedDigests()[digest].Size, C4:Hash(digest, "abc", HEX))
end
print("lower-case name", C4:Hash("sha1", "abc", HEX))
print("raw by default", hex(C4:Hash("MD5", "")))
print("BASE64 out", C4:Hash("SHA256", "abc", { return_encoding = "BASE64" }))
print("HEX in", C4:Hash("MD5", "616263", { data_encoding = "hex", return_encoding = "HEX" }))
print("number data", C4:Hash("MD5", 42, HEX))
print("HMAC", C4:HMAC("SHA256", "Jefe", "what do ya want for nothing?", HEX))
print("HMAC md5", C4:HMAC("MD5", "4a656665", "what do ya want for nothing?", { key_encoding = "HEX", return_encoding = "HEX" }))
print("HMAC empty key", C4:HMAC("SHA1", "", "", HEX))
print("PBKDF2", C4:PBKDF2("SHA1", "password", "salt", 4096, 20, HEX))
print("PBKDF2 sha256", C4:PBKDF2("sha256", "password", "73616c74", 2, 40, { salt_encoding = "HEX", return_encoding = "BASE64" }))

local ciphers = C4:GetSupportedCiphers()
for _, name in ipairs(sorted(ciphers)) do
  local c = ciphers[name]
  print("cipher", name, c.BlockSize, c.KeyLength, c.IVLength)
end
local key = "2b7e151628aed2a6abf7158809cf4f3c"
local iv = "000102030405060708090a0b0c0d0e0f"
local block = "6bc1bee22e409f96e93d7e117393172a"
local raw = { key_encoding = "HEX", iv_encoding = "HEX", data_encoding = "HEX", return_encoding = "HEX", padding = false }
for _, mode in ipairs { "ECB", "CBC", "CFB", "OFB", "CTR" } do
  local encrypted = C4:Encrypt("AES-128-" .. mode, key, iv, block, raw)
  print("AES-128-" .. mode, encrypted, C4:Decrypt("aes-128-" .. mode:lower(), key, iv, encrypted, raw))
end
local secret, err = C4:Encrypt("AES-256-CBC", "short key", nil, "attack at dawn")
print("padded", #secret, err, C4:Decrypt("AES-256-CBC", "short key", "", secret))
print("CTR no padding", #C4:Encrypt("AES-128-CTR", "k", "", "12345"))

print("unknown digest", C4:Hash("SHA3", "abc"))
print("unknown encoding", C4:Hash("MD5", "abc", { return_encoding = "ROT13" }))
print("bad hex data", C4:Hash("MD5", "xyz", { data_encoding = "HEX" }))
print("no data", C4:Hash("MD5"))
print("options not a table", C4:Hash("MD5", "abc", "HEX"))
print("no digest", C4:HMAC(nil, "k", "d"))
print("unknown cipher", C4:Encrypt("AES-128-GCM", "k", "", "data"))
print("long key", C4:Encrypt("AES-128-CBC", string.rep("k", 17), "", "data"))
print("long iv", C4:Encrypt("AES-128-CBC", "k", string.rep("i", 17), "data"))
print("partial block", C4:Encrypt("AES-128-CBC", "k", "", "data", { padding = false }))
print("bad decrypt", C4:Decrypt("AES-128-CBC", "k", "", string.rep("x", 16)))
print("PBKDF2 zero iterations", C4:PBKDF2("SHA1", "p", "s", 0, 20))

print("NIL", C4:UUID("NIL"))
print("STRING", C4:UUID("STRING", "{6BA7B8109DAD11D180B400C04FD430C8}"))
print("STRING bad", C4:UUID("STRING", "not-a-uuid"))
print("NAME v3", C4:UUID("NAME", "MD5", "DNS", "www.widgets.com"))
print("NAME v5", C4:UUID("name", "sha1", "dns", "python.org"))
print("NAME bad hash", C4:UUID("NAME", "SHA256", "DNS", "x"))
local random = C4:UUID("Random")
print("RANDOM shape", random:match("^%x%x%x%x%x%x%x%x%-%x%x%x%x%-4%x%x%x%-[89ab]%x%x%x%-%x%x%x%x%x%x%x%x%x%x%x%x$") ~= nil,
  random == random:lower(), random ~= C4:UUID("RANDOM"))
print("unknown kind", C4:UUID("TIME"))
print("no kind", C4:UUID())
print("not provided", C4.TEAEncrypt, C4.blowfishEcbEncrypt)
print("END")
