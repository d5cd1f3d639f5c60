-- The sandbox (spec 9): what a driver can reach of the host. The same on every engine. package and require are the
-- host's own, confined to the driver package (host spec 1.5).
local names = { "io", "os.execute", "os.exit", "os.remove", "os.rename", "os.tmpname", "loadfile", "dofile",
  "package", "require", "java", "luajava", "ffi", "os.time", "os.date", "os.clock", "os.getenv", "os.difftime",
  "string.format", "table.concat", "math.floor", "coroutine.wrap", "debug.traceback", "pcall", "xpcall",
  "loadstring", "unpack", "select", "tostring", "tonumber", "setmetatable", "getmetatable", "rawget",
  "collectgarbage", "next", "ipairs", "pairs", "error", "assert", "type", "bit.band" }
for _, name in ipairs(names) do
  local value = _G
  for part in string.gmatch(name, "[^.]+") do
    value = type(value) == "table" and value[part] or nil
  end
  print(name, type(value))
end
print("our metatables", getmetatable(C4:CreateTCPServer()), getmetatable(C4:CreateTCPClient()),
  getmetatable(C4:SetTimer(1000, function() end)))
print("END")
