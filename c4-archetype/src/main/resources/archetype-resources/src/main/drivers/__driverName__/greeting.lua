-- How the driver words a greeting: a module of the driver package, loaded with require("greeting").
local greeting = {}

-- "Hello", "Ada" gives "Hello, Ada!"; a missing or blank name greets the world.
function greeting.compose(salutation, name)
  if name == nil or string.match(name, "^%s*$") then
    name = "world"
  end
  return string.format("%s, %s!", salutation, name)
end

return greeting
