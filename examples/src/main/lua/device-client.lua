--[[
  Device client: keeps a connection to a line-based device, polls it, and reconnects with exponential
  back-off when the device goes away. The pattern most real drivers start from.

  Protocol (an example device): the driver sends "STATUS?\r", the device answers one line ending in "\r".

  Properties: "Host" (default "!local"), "Port" (required), "Poll Seconds" (default 10).
]]

local HOST = Properties["Host"] or "!local"
local PORT = tonumber(Properties["Port"])
local POLL_MS = (tonumber(Properties["Poll Seconds"]) or 10) * 1000
local FIRST_BACKOFF_MS, MAX_BACKOFF_MS = 1000, 30000
local CONNECT_TIMEOUT_MS = 5000

local device = { backoff = FIRST_BACKOFF_MS }

function device:scheduleReconnect(why)
  print("Device offline (" .. why .. "); retrying in " .. self.backoff .. " ms")
  self.retryTimer = C4:SetTimer(self.backoff, function() self:connect() end)
  self.backoff = math.min(self.backoff * 2, MAX_BACKOFF_MS)
end

function device:online(cli)
  print("Device online at " .. cli:GetRemoteAddress().ip .. ":" .. cli:GetRemoteAddress().port)
  self.backoff = FIRST_BACKOFF_MS
  self.pollTimer = C4:SetTimer(POLL_MS, function() cli:Write("STATUS?\r") end, true)
  cli:Write("STATUS?\r"):ReadUntil("\r")
end

function device:offline(why)
  if self.pollTimer then self.pollTimer:Cancel(); self.pollTimer = nil end
  self:scheduleReconnect(why)
end

function device:connect()
  if self.connectTimer then self.connectTimer:Cancel() end
  if not self.client:Connect(HOST, PORT) then  -- nil: a port out of range; retrying would not help
    print("Cannot connect to " .. HOST .. ":" .. PORT .. "; check the Host and Port properties")
    return
  end
  self.connectTimer = C4:SetTimer(CONNECT_TIMEOUT_MS, function() self.client:Close() end)
end

function device:start()
  self.client = C4:CreateTCPClient()
    :OnConnect(function(cli)
      self.connectTimer:Cancel()
      self:online(cli)
    end)
    :OnRead(function(cli, line)
      print("Device status: " .. string.gsub(line, "\r$", ""))
      cli:ReadUntil("\r")
    end)
    :OnError(function(cli, code, msg, op)
      if op == "resolve" or op == "connect" then
        self.connectTimer:Cancel()
        self:offline(msg)
      else
        print("Device error " .. code .. " (" .. msg .. ") on " .. op)
      end
    end)
    :OnDisconnect(function(cli, code, msg)
      self:offline(code == 0 and "closed" or msg)
    end)
  self:connect()
end

function OnDriverLateInit()
  if not PORT then
    print("Set the \"Port\" property to the device's port")
    return
  end
  device:start()
end
