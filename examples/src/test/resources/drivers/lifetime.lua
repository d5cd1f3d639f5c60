--[[
  Lifetime: a client nobody references, in one of four situations, so that a test can collect garbage at that
  moment and see what survives. The client is a local of OnDriverLateInit; no handler refers to it.

  Properties: "Host", "Port", "Case":
    "connect"  a connect is pending             (pinned: completes with OnConnect)
    "read"     a ReadUntil is pending           (pinned: completes with OnRead)
    "write"    a large Write is still queued    (pinned: completes with OnWrite)
    "idle"     connected, nothing pending       (collected: socket closed, no callback)
]]

local HOST = Properties["Host"]
local PORT = tonumber(Properties["Port"])
local CASE = Properties["Case"]
local WRITE_BYTES = 16 * 1024 * 1024  -- more than the kernel buffers of a loopback connection hold

function OnDriverLateInit()
  local client = C4:CreateTCPClient()
    :OnConnect(function(cli)
      print("connected")
      if CASE == "read" then
        cli:ReadUntil("\r\n")
      elseif CASE == "write" then
        cli:Write(string.rep("x", WRITE_BYTES))
      end
      print("waiting")
    end)
    :OnRead(function(cli, data) print("read " .. string.sub(data, 1, -3)) end)
    :OnWrite(function(cli) print("written") end)
    :OnError(function(cli, code, msg, op) print("error " .. code .. " " .. msg .. " " .. op) end)
    :OnDisconnect(function(cli, code, msg) print("disconnected " .. code .. " " .. msg) end)
  print("connect", client:Connect(HOST, PORT) == client)
end
