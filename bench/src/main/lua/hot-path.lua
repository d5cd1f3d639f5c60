-- The hot path with a little string work, as a typical device driver does per line: strip the line end and
-- control characters, build a reply, Write it, issue the next ReadUntil.
local function onLine(client, data)
  local command = string.gsub(data, "%c", "")
  if client:Write("OK " .. command .. "\n") then
    client:ReadUntil("\n")
  end
end

function OnDriverLateInit()
  server = C4:CreateTCPServer()
    :OnListen(function(srv, endpoint) print("listening on " .. endpoint.ip .. ":" .. endpoint.port) end)
    :OnAccept(function(srv, client) client:OnRead(onLine):ReadUntil("\n") end)
    :Listen("!local", 0)
end
