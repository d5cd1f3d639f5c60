--[[
  Connect rules: what Connect and Option return, and the errors they raise, before, during and after a connect.
  Properties: "Host", "Port" (a device that accepts).
]]

local HOST = Properties["Host"]
local PORT = tonumber(Properties["Port"])

-- The message of the error `fn` raises, or "no error".
local function raised(fn)
  local ok, err = pcall(fn)
  return ok and "no error" or tostring(err)
end

function OnDriverLateInit()
  local c = C4:CreateTCPClient()
  print("options before connecting", c:Option("keepalive", true) == c, c:Option("nodelay", true) == c,
    c:Option("linger", true, 0) == c)
  print("ports out of range", c:Connect(HOST, 0), c:Connect(HOST, 65536), c:Connect(HOST, -1),
    c:Connect(HOST, "70000"))
  print(raised(function() return c:Connect({}, PORT) end))
  print(raised(function() return c:Connect(HOST, true) end))
  print(raised(function() return c:Connect(HOST, {}) end))
  print(raised(function() return c:Connect(HOST) end))

  c:OnConnect(function(cli)
      print("connect while connected", cli:Connect(HOST, PORT))
      print("options when connected", cli:Option("keepalive", false) == cli, cli:Option("nodelay", false) == cli,
        cli:Option("linger", false, 0) == cli)
      cli:Close()
    end)
    :OnError(function(cli, code, msg, op) print("error " .. code .. " " .. msg .. " " .. op) end)
    :OnDisconnect(function(cli, code, msg) print("disconnected " .. code .. " " .. msg) end)
  print("connect", c:Connect(HOST, PORT) == c)
  print("connect while connecting", c:Connect(HOST, PORT))
end
