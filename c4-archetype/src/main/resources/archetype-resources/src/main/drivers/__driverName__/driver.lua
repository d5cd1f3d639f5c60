--[[
  ${driverName}: a small DriverWorks driver, made from the c4j driver-project template. Make it yours.

  The GREET command sets the read-only "Last Greeting" property (C4:UpdateProperty) to "<Greeting>, <NAME>!",
  and a timer (C4:SetTimer) clears it again "Clear After" seconds later. greeting.lua, a module of the package
  loaded with require, words the greeting.
]]

local greeting = require("greeting")

local clearTimer -- the timer that will clear "Last Greeting", while one is pending

local function cancelClearTimer()
  if clearTimer then
    clearTimer:Cancel()
    clearTimer = nil
  end
end

local function greet(name)
  C4:UpdateProperty("Last Greeting", greeting.compose(Properties["Greeting"], name))
  cancelClearTimer()
  local seconds = tonumber(Properties["Clear After"]) or 0
  if seconds > 0 then
    clearTimer = C4:SetTimer(seconds * 1000, function()
      clearTimer = nil
      C4:UpdateProperty("Last Greeting", "")
    end)
  end
end

-- Commands from programming and Composer, by the names driver.xml declares.
function ExecuteCommand(command, params)
  if command == "GREET" then
    greet(params.NAME)
  else
    print("unknown command " .. tostring(command))
  end
end

-- A user changed a property; Properties[name] already holds the new value.
function OnPropertyChanged(name)
  if name == "Clear After" then
    cancelClearTimer() -- the greeting shown stays until the next one
  end
end

function OnDriverDestroyed()
  cancelClearTimer()
end
