-- Files (host spec 7.5) in the driver's sandbox: handles, append writes, read positions, refusals.
local function show(t)
  if type(t) ~= "table" then return tostring(t) end
  local keys = {}
  for k in pairs(t) do keys[#keys + 1] = k end
  table.sort(keys)
  local parts = {}
  for _, k in ipairs(keys) do parts[#parts + 1] = tostring(k) .. "=" .. tostring(t[k]) end
  return "{" .. table.concat(parts, ",") .. "}"
end

print("empty sandbox", C4:FileList(), C4:FileGetOpenedHandles(), C4:FileExists("log.txt"))
local h = C4:FileOpen("log.txt")
print("open", h, C4:FileIsValid(h), C4:FileGetName(h), C4:FileGetPos(h), C4:FileGetSize(h))
print("write", C4:FileWrite(h, 5, "hello, world"), C4:FileWriteString(h, " there\0\255"), C4:FileWrite(h, 99, "!"))
print("size", C4:FileGetSize(h), C4:FileGetPos(h))
print("read at end", "[" .. C4:FileRead(h, 4) .. "]", C4:FileIsValid(h))
C4:FileSetPos(h, 0)
print("after set pos", C4:FileIsValid(h), C4:FileGetPos(h))
local all = C4:FileRead(h, 14)
print("read all", #all, all == "hello there\0\255!", C4:FileIsValid(h), C4:FileGetPos(h))
print("read past end", "[" .. C4:FileRead(h, 1) .. "]", C4:FileIsValid(h))
C4:FileSetPos(h, 6)
print("read middle", C4:FileRead(h, 5), C4:FileGetPos(h))
local h2 = C4:FileOpen("log.txt")
print("second handle", h2 ~= h, C4:FileGetPos(h2), show(C4:FileGetOpenedHandles()):gsub("%d+=", "#="))
C4:FileClose(h2)
C4:FileClose(h)
print("closed", C4:FileIsValid(h), "[" .. C4:FileGetName(h) .. "]", C4:FileWrite(h, 1, "x"), C4:FileWriteString(h, "x"),
  C4:FileGetPos(h), C4:FileGetSize(h), "[" .. C4:FileRead(h, 1) .. "]", C4:FileGetOpenedHandles())

C4:FileCreateDir("SANDBOX", "sub/deeper")
C4:FileClose(C4:FileOpen("a.txt"))
print("list", show(C4:FileList()))
C4:FileSetDir("SANDBOX", "sub")
C4:FileClose(C4:FileOpen("inner.txt"))
print("in sub", show(C4:FileList()), C4:FileExists("inner.txt"), C4:FileExists("a.txt"))
C4:FileSetDir("SANDBOX")
C4:FileMove("SANDBOX", "sub/inner.txt", "SANDBOX", "moved.txt")
C4:FileDelete("a.txt")
C4:FileDelete("SANDBOX", "sub/deeper")
print("after move and deletes", show(C4:FileList()), show(C4:FileList() and nil))
print("free space", C4:FileFreeSpace() > 0)

-- refused: warnings among the runtime messages, nothing outside touched
print("escape open", C4:FileOpen("../escape.txt"), C4:FileOpen("/etc/passwd"), C4:FileOpen("sub/../../x"))
print("escape exists", C4:FileExists("../"), C4:FileExists("/etc/passwd"))
C4:FileSetDir("LOGGING")
C4:FileSetDir("/control4/drivers/lua/sandbox/100")
print("dir unchanged", C4:FileExists("moved.txt"))
C4:FileSetDir("C4Z")
print("no package", C4:FileOpen("driver.xml"), C4:FileExists("driver.xml"))
C4:FileSetDir("SANDBOX")
C4:FileDelete("../escape.txt")
C4:FileCreateDir("C4Z", "x")
print("bad handle", pcall(C4.FileRead, C4, "x", 1))
print("bad name", pcall(C4.FileOpen, C4))
print("not provided", C4.Unzip)
print("END")
