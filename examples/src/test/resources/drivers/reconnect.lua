--[[
  Reconnect: when the device goes away the same client object connects again, once, with its handlers kept.
  Properties: "Host", "Port".
]]

local HOST = Properties["Host"]
local PORT = tonumber(Properties["Port"])
local connects = 0

function OnDriverLateInit()
  client = C4:CreateTCPClient()
    :OnConnect(function(cli)
      connects = connects + 1
      print("connected " .. connects, cli == client)
      cli:ReadUntil("\r\n")
    end)
    :OnRead(function(cli, line)
      print("read " .. string.sub(line, 1, -3), cli == client)
      cli:ReadUntil("\r\n")
    end)
    :OnDisconnect(function(cli, code, msg)
      print("disconnected " .. code .. " " .. msg, cli == client)
      if connects == 1 then
        print("reconnect", cli:Connect(HOST, PORT) == cli)
      end
    end)
  client:Connect(HOST, PORT)
end
