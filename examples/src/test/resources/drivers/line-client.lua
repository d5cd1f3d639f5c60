--[[
  Line client: connects to a device and prints everything that happens to the connection, one line per event,
  so that a test can compare the whole story. Reads lines ending in CR LF.

  Properties: "Host", "Port", "Send" (written once connected), "Timeout Ms" (the client is closed if it has
  not ended by then: the connect timeout a driver builds from SetTimer and Close).
]]

local HOST = Properties["Host"]
local PORT = tonumber(Properties["Port"])
local SEND = Properties["Send"]
local TIMEOUT_MS = tonumber(Properties["Timeout Ms"])

-- Line ends made visible.
local function show(data)
  return (string.gsub(data, "[\r\n]", { ["\r"] = "\\r", ["\n"] = "\\n" }))
end

local timeout

local function ended()
  if timeout then timeout:Cancel() end
end

function OnDriverLateInit()
  client = C4:CreateTCPClient()
    :OnConnect(function(cli)
      print("connected")
      if SEND then cli:Write(SEND) end
      cli:ReadUntil("\r\n")
    end)
    :OnRead(function(cli, data)
      print("read " .. show(data))
      cli:ReadUntil("\r\n")
    end)
    :OnError(function(cli, code, msg, op)
      print("error " .. code .. " " .. msg .. " " .. op)
      ended()
    end)
    :OnDisconnect(function(cli, code, msg)
      print("disconnected " .. code .. " " .. msg)
      ended()
    end)
  if TIMEOUT_MS then
    timeout = C4:SetTimer(TIMEOUT_MS, function()
      print("timeout")
      client:Close()
    end)
  end
  print("connect", client:Connect(HOST, PORT) == client)
end
