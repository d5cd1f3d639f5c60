--[[
  Echo server: every line a client sends comes back unchanged. The smallest complete server driver, and the
  driver of the hot-path benchmark (bytes in, OnRead, Write, next ReadUntil).

  Properties: "Port" (default 0: the OS picks one; the port is printed).
]]

local PORT = tonumber(Properties["Port"]) or 0

local function echo(client, line)
  if client:Write(line) then  -- nil once the client is gone
    client:ReadUntil("\n")
  end
end

function OnDriverLateInit()
  server = C4:CreateTCPServer()
    :OnListen(function(srv, endpoint)
      print("Echo server listening on " .. endpoint.ip .. ":" .. endpoint.port)
    end)
    :OnError(function(srv, code, msg, op)
      print("Echo server error " .. code .. " (" .. msg .. ") on " .. op)
    end)
    :OnAccept(function(srv, client)
      client:OnRead(echo):ReadUntil("\n")
    end)
    :Listen("!local", PORT)
end
