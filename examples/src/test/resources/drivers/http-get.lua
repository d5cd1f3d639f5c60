--[[
  HTTP/1.0 GET: the status line and the headers are read line by line with ReadUntil("\r\n"), the body with
  ReadUpTo until the server closes the connection (HTTP/1.0 without keep-alive). A timeout built from SetTimer
  and Close gives up on a server that does not answer.

  Properties: "Host", "Port", "Path" (default "/"), "Timeout Ms" (default 5000).
  Prints "status CODE", one "header NAME: VALUE" per header, then "body LENGTH" and the body itself, or
  "timed out" / "failed ...".
]]

local HOST = Properties["Host"]
local PORT = tonumber(Properties["Port"])
local PATH = Properties["Path"] or "/"
local TIMEOUT_MS = tonumber(Properties["Timeout Ms"]) or 5000
local BODY_CHUNK = 16384

local part = "status"  -- what the next read brings: "status", "headers", then "body"
local body = {}
local timer

function OnDriverLateInit()
  client = C4:CreateTCPClient()
    :OnConnect(function(cli)
      cli:Write("GET " .. PATH .. " HTTP/1.0\r\nHost: " .. HOST .. ":" .. PORT .. "\r\n\r\n")
         :ReadUntil("\r\n")
    end)
    :OnRead(function(cli, data)
      if part == "status" then
        print("status " .. (string.match(data, "^HTTP/%d%.%d (%d%d%d)") or "?"))
        part = "headers"
      elseif part == "headers" then
        if data == "\r\n" then
          part = "body"
        else
          print("header " .. string.sub(data, 1, -3))
        end
      else
        body[#body + 1] = data
      end
      if part == "body" then cli:ReadUpTo(BODY_CHUNK) else cli:ReadUntil("\r\n") end
    end)
    :OnError(function(cli, code, msg, op)
      timer:Cancel()
      print("failed " .. code .. " " .. msg .. " " .. op)
    end)
    :OnDisconnect(function(cli, code, msg)
      timer:Cancel()
      if part == "body" and code == 0 then
        local all = table.concat(body)
        print("body " .. #all)
        print(all)
      else
        print("incomplete response: " .. code .. " " .. msg)
      end
    end)
  timer = C4:SetTimer(TIMEOUT_MS, function()
    print("timed out")
    client:Close()
  end)
  client:Connect(HOST, PORT)
end
