--[[
  Lumen Projector: a DriverWorks driver for a made-up network projector, written as documentation by example.

  What it shows:
    * a driver package: driver.xml declares the properties, actions, commands, events and the TV proxy, and
      `require` loads lumen/protocol.lua from the package;
    * a TCP connection (C4:CreateTCPClient) to "Device Address":"Device Port", made after OnDriverLateInit and
      again whenever either property changes, with a connect timeout and reconnection with exponential back-off;
    * a status poll every "Poll Interval" seconds (C4:SetTimer);
    * the projector's state published to Director: the "Status" property, the POWER_STATE and INPUT variables,
      the "Powered On" / "Powered Off" events and notifications to the proxy;
    * commands from programming and Composer (ExecuteCommand, LUA_ACTION) and from the proxy (ReceivedFromProxy);
    * PersistData: the input chosen last, selected again whenever the projector powers on;
    * debug output only while the "Debug Mode" property is On.
]]

local protocol = require("lumen.protocol")

local PROXY_BINDING = 5001
local FIRST_RETRY_MS, MAX_RETRY_MS = 1000, 30000   -- reconnect after 1 s, 2 s, 4 s, ... at most 30 s
local CONNECT_TIMEOUT_MS = 5000                     -- the TCP client has no connect timeout of its own

local function debugPrint(format, ...)
  if Properties["Debug Mode"] == "On" then
    print("Lumen: " .. string.format(format, ...))
  end
end

-- A protocol line as it reads in a log: without its line end (nor the "\n" a CR LF sender leaves in front).
local function shown(line)
  return string.match(line, "^%s*(.-)%s*$")
end

local function setStatus(text)
  if Properties["Status"] ~= text then  -- skip redundant Director calls, as the vendor's own wrappers do
    C4:UpdateProperty("Status", text)
  end
end

local function cancel(timer)
  if timer then
    timer:Cancel()
  end
end

-- ---- the connection ---------------------------------------------------------------------------------------------

-- The connection to the projector: the current TCP client (nil when there is none) and the timers around it.
local link = { client = nil, connected = false, retryMs = FIRST_RETRY_MS }

local projector -- what the projector reported; defined below, fed by the connection

-- Wraps a client callback so that it runs only for the current client: a client we closed or replaced may still
-- report its end, and must not disturb the one that took its place.
local function forCurrentClient(handler)
  return function(client, ...)
    if client == link.client then
      handler(client, ...)
    end
  end
end

-- Drops the client and every timer, without callbacks.
function link:close()
  cancel(self.connectTimer)
  cancel(self.retryTimer)
  cancel(self.pollTimer)
  self.connectTimer, self.retryTimer, self.pollTimer = nil, nil, nil
  local client = self.client
  self.client, self.connected = nil, false  -- first, so that what Close causes is ignored
  if client then
    client:Close()
  end
end

function link:connect()
  self:close()
  local host, port = Properties["Device Address"], tonumber(Properties["Device Port"])
  local client = C4:CreateTCPClient()
    :OnConnect(forCurrentClient(function() self:online() end))
    :OnRead(forCurrentClient(function(client, line)
      projector:heard(line)
      client:ReadUntil(protocol.TERMINATOR)
    end))
    :OnError(forCurrentClient(function(client, code, message, operation)
      -- Errors of a connected client are followed by OnDisconnect, which handles them.
      if operation == "resolve" or operation == "connect" then
        self:offline(message)
      end
    end))
    :OnDisconnect(forCurrentClient(function(client, code, message)
      self:offline(code == 0 and "closed by the projector" or message)
    end))
  self.client = client
  if not (port and client:Connect(host, port)) then  -- nil: a port out of range; retrying would not help
    self.client = nil
    setStatus("Disconnected: cannot connect to " .. tostring(host) .. ":" .. tostring(port))
    return
  end
  setStatus("Connecting to " .. host .. ":" .. port)
  self.connectTimer = C4:SetTimer(CONNECT_TIMEOUT_MS, function() self:offline("no answer") end)
end

-- New settings: connect at once, and start the back-off over.
function link:restart()
  self.retryMs = FIRST_RETRY_MS
  self:connect()
end

function link:online()
  cancel(self.connectTimer)
  self.connected = true
  self.retryMs = FIRST_RETRY_MS
  setStatus("Connected")
  self.client:ReadUntil(protocol.TERMINATOR)
  self:startPolling()
end

function link:offline(reason)
  self:close()
  setStatus("Disconnected: " .. reason)
  debugPrint("reconnecting in %d ms", self.retryMs)
  self.retryTimer = C4:SetTimer(self.retryMs, function() self:connect() end)
  self.retryMs = math.min(self.retryMs * 2, MAX_RETRY_MS)
end

-- Asks for the status now and every "Poll Interval" seconds.
function link:startPolling()
  cancel(self.pollTimer)
  local seconds = tonumber(Properties["Poll Interval"]) or 10
  self:send(protocol.statusQuery())
  self.pollTimer = C4:SetTimer(seconds * 1000, function() self:send(protocol.statusQuery()) end, true)
end

function link:send(message)
  if self.connected and self.client:Write(message) then
    debugPrint("-> %s", shown(message))
  else
    debugPrint("not connected, not sent: %s", shown(message))
  end
end

-- ---- the projector's state, published to Director ----------------------------------------------------------------

projector = { poweredOn = false, input = "" }

function projector:heard(line)
  debugPrint("<- %s", shown(line))
  local what, value = protocol.parse(line)
  if what == "power" then
    self:setPower(value)
  elseif what == "input" then
    self:setInput(value)
  end
end

function projector:setPower(on)
  if on == self.poweredOn then
    return
  end
  self.poweredOn = on
  C4:SetVariable("POWER_STATE", on and "1" or "0")
  C4:FireEvent(on and "Powered On" or "Powered Off")
  C4:SendToProxy(PROXY_BINDING, on and "ON" or "OFF", {})
  -- The projector boots on HDMI1 and ignores INPUT while it is off: select the input chosen last again.
  if on and PersistData.lastInput then
    link:send(protocol.selectInput(PersistData.lastInput))
  end
end

function projector:setInput(input)
  if input == self.input then
    return
  end
  self.input = input
  C4:SetVariable("INPUT", input)
  C4:SendToProxy(PROXY_BINDING, "INPUT_CHANGED", { INPUT = input })
end

-- ---- commands -----------------------------------------------------------------------------------------------------

local function selectInput(input)
  if not protocol.isInput(input) then
    debugPrint("SET_INPUT: no input named %s", tostring(input))
    return
  end
  PersistData.lastInput = input  -- saved by Director, so it survives restarts
  link:send(protocol.selectInput(input))
end

-- The commands of driver.xml by name: from programming, from actions, and (renamed below) from the proxy.
local Commands = {
  POWER_ON = function() link:send(protocol.power(true)) end,
  POWER_OFF = function() link:send(protocol.power(false)) end,
  SET_INPUT = function(params) selectInput(params.INPUT) end,
}

local ProxyCommands = {
  ON = Commands.POWER_ON,
  OFF = Commands.POWER_OFF,
  SET_INPUT = Commands.SET_INPUT,
}

function ExecuteCommand(command, params)
  if command == "LUA_ACTION" then  -- an <action> of driver.xml: its <command> comes as ACTION
    command = params.ACTION
  end
  local run = Commands[command]
  if run then
    run(params)
  else
    debugPrint("unknown command %s", tostring(command))
  end
end

function ReceivedFromProxy(binding, command, params)
  local run = binding == PROXY_BINDING and ProxyCommands[command]
  if run then
    run(params)
  else
    debugPrint("unknown proxy command %s on binding %s", tostring(command), tostring(binding))
  end
end

-- ---- properties and lifecycle ---------------------------------------------------------------------------------------

local PropertyChanged = {
  ["Device Address"] = function() link:restart() end,
  ["Device Port"] = function() link:restart() end,
  ["Poll Interval"] = function()
    if link.connected then
      link:startPolling()
    end
  end,
}

-- Called when a user changes a property; Properties[name] already holds the new value.
function OnPropertyChanged(name)
  local changed = PropertyChanged[name]
  if changed then
    changed()
  end
end

-- DriverWorks advises to leave Director calls and networking for OnDriverLateInit, when the whole project has
-- loaded. Director does not call OnPropertyChanged at startup: the driver reads Properties itself.
function OnDriverLateInit()
  -- Variables persist with the project: add them the first time only.
  if Variables["POWER_STATE"] == nil then
    C4:AddVariable("POWER_STATE", "0", "BOOL")
  end
  if Variables["INPUT"] == nil then
    C4:AddVariable("INPUT", "", "STRING")
  end
  projector.poweredOn = Variables["POWER_STATE"] == "1"
  projector.input = Variables["INPUT"]
  link:restart()
end

function OnDriverDestroyed()
  link:close()
end
