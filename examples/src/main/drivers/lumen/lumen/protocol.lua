--[[
  The Lumen line protocol, kept apart from the driver so that it reads (and could be tested) on its own.

  Every message is one line of ASCII ending in a carriage return.
    driver -> projector:  "POWER ON", "POWER OFF", "INPUT HDMI2", "STATUS?"
    projector -> driver:  "POWER=ON", "POWER=OFF", "INPUT=HDMI2"; STATUS? is answered with one line of each.
]]

local protocol = {}

protocol.TERMINATOR = "\r"

-- The inputs the projector has, in the order driver.xml lists them.
protocol.INPUTS = { "HDMI1", "HDMI2", "HDMI3" }

local isInput = {}
for _, input in ipairs(protocol.INPUTS) do
  isInput[input] = true
end

function protocol.isInput(name)
  return isInput[name] == true
end

-- ---- requests ---------------------------------------------------------------------------------------------------

function protocol.power(on)
  return (on and "POWER ON" or "POWER OFF") .. protocol.TERMINATOR
end

function protocol.selectInput(input)
  assert(protocol.isInput(input), "not an input of the projector: " .. tostring(input))
  return "INPUT " .. input .. protocol.TERMINATOR
end

function protocol.statusQuery()
  return "STATUS?" .. protocol.TERMINATOR
end

-- ---- replies ----------------------------------------------------------------------------------------------------

local POWER_VALUES = { ON = true, OFF = false }

--[[
  Parses one reply line into what it reports: "power", true|false or "input", "HDMI2". Returns nil for a line
  it does not understand. Blanks around the line are ignored, so a "\n" left over from a CR LF line end
  (a terminal sends those) does no harm.
]]
function protocol.parse(line)
  local key, value = string.match(line, "^%s*(%u+)=(%w+)%s*$")
  if key == "POWER" and POWER_VALUES[value] ~= nil then
    return "power", POWER_VALUES[value]
  elseif key == "INPUT" and protocol.isInput(value) then
    return "input", value
  end
  return nil
end

return protocol
