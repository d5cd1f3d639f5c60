--[[
  Tessera Amplifier: a DriverWorks driver for a made-up amplifier, written as documentation by example of the
  older binding-based networking, where Director owns the socket and the driver names it by binding and port.

  What it shows:
    * driver.xml declares network binding 6001 with port 4998: auto-connect, keep-connection (Director connects
      right after OnDriverLateInit and reconnects every 5 s), and a CR delimiter, so that ReceivedFromNetwork
      gets one whole line per call, the CR included;
    * OnConnectionStatusChanged: ask for the state on ONLINE, poll while online (C4:SetTimer), say why not on
      OFFLINE; no reconnect logic of its own;
    * OnNetworkBindingChanged: the installer set or cleared the amplifier's address;
    * C4:SendToNetwork for commands from programming, actions and Composer (ExecuteCommand, LUA_ACTION);
    * the amplifier's state published to Director: the "Status" property, the POWER_STATE and VOLUME
      variables, the "Powered On" / "Powered Off" events.

  The protocol: lines end in CR. The driver sends "POWER?", "POWER ON", "POWER OFF", "VOLUME?", "VOLUME <0-100>";
  the amplifier answers (and reports changes from its front panel) with "POWER=ON", "POWER=OFF", "VOLUME=<n>",
  or "ERROR" for a line it did not understand.
]]

local BINDING, PORT = 6001, 4998  -- as in driver.xml
local CR = "\r"

local function debugPrint(format, ...)
  if Properties["Debug Mode"] == "On" then
    print("Tessera: " .. string.format(format, ...))
  end
end

local function setStatus(text)
  if Properties["Status"] ~= text then  -- skip redundant Director calls, as the vendor's own wrappers do
    C4:UpdateProperty("Status", text)
  end
end

-- ---- talking to the amplifier ---------------------------------------------------------------------------------

local amp = { online = false, poweredOn = false, volume = -1 }

function amp:send(line)
  if not self.online then
    debugPrint("offline, not sent: %s", line)
    return
  end
  debugPrint("-> %s", line)
  C4:SendToNetwork(BINDING, PORT, line .. CR)
end

function amp:askState()
  self:send("POWER?")
  self:send("VOLUME?")
end

function amp:startPolling()
  self:stopPolling()
  local seconds = tonumber(Properties["Poll Interval"]) or 30
  self.pollTimer = C4:SetTimer(seconds * 1000, function() self:askState() end, true)
end

function amp:stopPolling()
  if self.pollTimer then
    self.pollTimer:Cancel()
    self.pollTimer = nil
  end
end

function amp:heard(line)
  debugPrint("<- %s", line)
  local power = line:match("^POWER=(%u+)$")
  local volume = tonumber(line:match("^VOLUME=(%d+)$") or "")
  if power then
    self:setPower(power == "ON")
  elseif volume then
    self:setVolume(volume)
  elseif line == "ERROR" then
    print("Tessera: the amplifier refused a command")
  end
end

function amp:setPower(on)
  if on ~= self.poweredOn then
    self.poweredOn = on
    C4:SetVariable("POWER_STATE", on and "1" or "0")
    C4:FireEvent(on and "Powered On" or "Powered Off")
  end
end

function amp:setVolume(level)
  if level ~= self.volume then
    self.volume = level
    C4:SetVariable("VOLUME", level)
  end
end

-- ---- what Director tells the driver about the connection -------------------------------------------------------

function OnConnectionStatusChanged(idBinding, nPort, strStatus)
  if idBinding ~= BINDING or nPort ~= PORT then
    return
  end
  amp.online = strStatus == "ONLINE"
  if amp.online then
    setStatus("Connected")
    amp:askState()
    amp:startPolling()
  else
    amp:stopPolling()
    setStatus("Disconnected: Director reconnects")  -- keep_connection: no retry logic of our own
  end
end

function ReceivedFromNetwork(idBinding, nPort, strData)
  if idBinding == BINDING and nPort == PORT then
    amp:heard(strData:match("^%s*(.-)%s*$"))  -- one line per call, its CR included (and an LF, from netcat)
  end
end

function OnNetworkBindingChanged(idBinding, bIsBound)
  if idBinding == BINDING then
    -- Director connects an auto-connect port to the new address by itself.
    setStatus(bIsBound and "Connecting to " .. C4:GetBindingAddress(BINDING)
      or "No address: set it on the Connections tab")
  end
end

-- ---- commands ---------------------------------------------------------------------------------------------------

local Commands = {
  POWER_ON = function() amp:send("POWER ON") end,
  POWER_OFF = function() amp:send("POWER OFF") end,
  SET_VOLUME = function(params)
    local level = tonumber(params.LEVEL)
    if level and level >= 0 and level <= 100 then
      amp:send("VOLUME " .. math.floor(level))
    else
      debugPrint("SET_VOLUME: no level 0-100 in %s", tostring(params.LEVEL))
    end
  end,
}

function ExecuteCommand(strCommand, tParams)
  if strCommand == "LUA_ACTION" then  -- an <action> of driver.xml: its <command> comes as ACTION
    strCommand = tParams.ACTION
  end
  local run = Commands[strCommand]
  if run then
    run(tParams)
  else
    debugPrint("unknown command %s", tostring(strCommand))
  end
end

function OnPropertyChanged(strName)
  if strName == "Poll Interval" and amp.online then
    amp:startPolling()
  end
end

-- ---- lifecycle ---------------------------------------------------------------------------------------------------

-- Director connects the auto-connect port right after this returns, when the binding has an address.
function OnDriverLateInit()
  -- Variables persist with the project: add them the first time only.
  if Variables["POWER_STATE"] == nil then
    C4:AddVariable("POWER_STATE", "0", "BOOL")
  end
  if Variables["VOLUME"] == nil then
    C4:AddVariable("VOLUME", "0", "NUMBER")
  end
  local address = C4:GetBindingAddress(BINDING)
  setStatus(address == "" and "No address: set it on the Connections tab" or "Connecting to " .. address)
end

function OnDriverDestroyed()
  amp:stopPolling()  -- Director closes the connection itself
end
