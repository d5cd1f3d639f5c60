--[[
  Chat server: c4j's own example driver, with the behaviour of the DriverWorks CreateTCPServer example.

  Each client first picks a name (unique, whatever the case), then every line it sends is broadcast to the
  others as "<name> wrote: <line>" and echoed back as "You wrote: <line>". "quit" disconnects. At most
  MAX_CLIENTS clients at once; the server shuts itself down after RUN_MINUTES, telling every client.

  Properties: "Port" (default 0: the OS picks one; the port is printed), "Max Clients", "Run Minutes".
]]

local MAX_CLIENTS = tonumber(Properties["Max Clients"]) or 5
local RUN_MINUTES = tonumber(Properties["Run Minutes"]) or 10
local PORT = tonumber(Properties["Port"]) or 0
local EOL = "\r\n"

local chat = { server = nil, members = {}, count = 0 }

-- Sends a line to every named member except `from`.
function chat:tellOthers(from, line)
  for member, info in pairs(self.members) do
    if member ~= from and info.name then
      member:Write(line .. EOL)
    end
  end
end

function chat:nameTaken(name)
  local wanted = string.lower(name)
  for _, info in pairs(self.members) do
    if info.name and string.lower(info.name) == wanted then
      return true
    end
  end
  return false
end

-- The line without its line end and without control characters.
local function clean(data)
  if string.sub(data, -2) == EOL then
    data = string.sub(data, 1, -3)  -- a peer that closes mid-line sends no EOL
  end
  return (string.gsub(data, "%c", ""))
end

function chat:onLine(client, info, line)
  if not info.name then
    if #line == 0 then
      client:Write("Please enter your name:" .. EOL)
    elseif self:nameTaken(line) then
      client:Write("Choose a different name, please:" .. EOL)
    else
      info.name = line
      self:tellOthers(client, line .. " joined!")
      client:Write("Thank you, " .. line .. "! Type 'quit' to disconnect." .. EOL)
    end
  elseif line == "quit" then
    client:Write("Goodbye, " .. info.name .. "!" .. EOL):Close(true)
    return
  elseif #line > 0 then
    self:tellOthers(client, info.name .. " wrote: " .. line)
    client:Write("You wrote: " .. line .. EOL)
  end
  client:ReadUntil(EOL)
end

function chat:welcome(client)
  if self.count >= MAX_CLIENTS then
    client:Write("Sorry, I only allow " .. MAX_CLIENTS .. " concurrent connections!" .. EOL):Close(true)
    return
  end
  local info = {}
  self.members[client] = info
  self.count = self.count + 1
  client
    :OnRead(function(cli, data) self:onLine(cli, info, clean(data)) end)
    :OnDisconnect(function(cli, code, msg)
      if self.members[cli] == nil then return end  -- already dropped by stop()
      if info.name then
        self:tellOthers(cli, info.name .. " disconnected!")
      end
      self.members[cli] = nil
      self.count = self.count - 1
      print("Client " .. tostring(cli) .. " left (" .. code .. " " .. msg .. ")")
    end)
    :OnError(function(cli, code, msg, op)
      print("Client " .. tostring(cli) .. " error " .. code .. " (" .. msg .. ") on " .. op)
    end)
    :Write("Welcome! Please enter your name:" .. EOL)
    :ReadUntil(EOL)
end

function chat:stop()
  if not self.server then return end
  self.server:Close()
  self.server = nil
  local members = self.members
  self.members, self.count = {}, 0
  for member in pairs(members) do
    member:Write("Server is shutting down!" .. EOL):Close(true)
  end
end

function chat:start()
  self.server = C4:CreateTCPServer()
    :OnListen(function(srv, endpoint)
      print("Chat server listening on " .. endpoint.ip .. ":" .. endpoint.port
        .. "; it stops in " .. RUN_MINUTES .. " minutes")
      self.stopTimer = C4:SetTimer(RUN_MINUTES * 60 * 1000, function()
        print("Stopping the chat server")
        self:stop()
      end)
    end)
    :OnError(function(srv, code, msg, op)
      print("Chat server error " .. code .. " (" .. msg .. ") on " .. op)
    end)
    :OnAccept(function(srv, client) self:welcome(client) end)
    :Listen("*", PORT)
end

function OnDriverLateInit()
  chat:start()
end

function OnDriverDestroyed()
  chat:stop()
end
