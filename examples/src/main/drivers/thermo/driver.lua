-- Thermo REST Thermostat: polls GET /api/status, which answers "key=value" lines such as
--   temperature=21.5
--   mode=heat
-- and shows them as properties. SET_MODE posts "mode=<mode>" to /api/mode, then polls at once.
-- All HTTP goes through C4:url(): one transfer object per request, its callbacks on later turns.

local REQUEST_TIMEOUT = 5 -- seconds; a thermostat on the LAN answers at once or not at all
local pollTimer

local function baseUrl()
  return 'http://' .. Properties['Device Address'] .. ':' .. Properties['Device Port']
end

local function setStatus(status)
  if Properties['Status'] ~= status then
    C4:UpdateProperty('Status', status)
  end
end

-- "key=value" lines into a table; anything else is ignored.
local function parseStatus(body)
  local values = {}
  for key, value in string.gmatch(body, '([%w_]+)=([^\r\n]*)') do
    values[key] = value
  end
  return values
end

local function showStatus(values)
  if values.temperature and values.temperature ~= Properties['Temperature'] then
    C4:UpdateProperty('Temperature', values.temperature)
  end
  if values.mode and values.mode ~= Properties['Mode'] then
    C4:UpdateProperty('Mode', values.mode)
  end
end

-- One request to the thermostat; onSuccess(body) runs for a 2xx answer, else Status tells why.
local function request(method, path, body, onSuccess)
  local transfer = C4:url()
    :SetOption('timeout', REQUEST_TIMEOUT)
    :OnDone(function(transfer, responses, errCode, errMsg)
      if errCode ~= 0 then
        setStatus('Offline: ' .. (errMsg or 'aborted'))
        return
      end
      setStatus('Online')
      onSuccess(responses[#responses].body)
    end)
  if method == 'POST' then
    transfer:Post(baseUrl() .. path, body, { ['Content-Type'] = 'text/plain' })
  else
    transfer:Get(baseUrl() .. path)
  end
end

local function poll()
  request('GET', '/api/status', nil, function(body) showStatus(parseStatus(body)) end)
end

local function startPolling()
  if pollTimer then
    pollTimer:Cancel()
  end
  local seconds = tonumber(Properties['Poll Interval']) or 10
  pollTimer = C4:SetTimer(seconds * 1000, poll, true)
  poll()
end

function OnDriverLateInit()
  startPolling()
end

function OnPropertyChanged(name)
  if name == 'Device Address' or name == 'Device Port' or name == 'Poll Interval' then
    startPolling()
  end
end

function ExecuteCommand(command, params)
  if command == 'SET_MODE' and params.MODE then
    request('POST', '/api/mode', 'mode=' .. params.MODE, poll)
  end
end

function OnDriverDestroyed()
  if pollTimer then
    pollTimer:Cancel()
  end
end
