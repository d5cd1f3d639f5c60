-- Small helpers (host spec 7.7, 3.8): ParseIso8601DateTime, EvaluateExpression, CallAsync.
local function show(t)
  if type(t) ~= "table" then return tostring(t) end
  local keys = {}
  for k in pairs(t) do keys[#keys + 1] = k end
  table.sort(keys)
  local parts = {}
  for _, k in ipairs(keys) do parts[#parts + 1] = k .. "=" .. tostring(t[k]) end
  return "{" .. table.concat(parts, ",") .. "}"
end

local t, epoch, micro = C4:ParseIso8601DateTime("2019-03-07T12:34:56.123456+01:00")
print("iso", show(t), epoch, micro)
print("no offset", select(2, C4:ParseIso8601DateTime("1970-01-02T00:00:00")))
print("blanks", select(2, C4:ParseIso8601DateTime(" 1970-01-01T00:00:00Z ")), select("#", C4:ParseIso8601DateTime(" 1970-01-01T00:00:00Z ", true)))
print("bad", select("#", C4:ParseIso8601DateTime("yesterday")))

for _, case in ipairs {
  { "EQUAL", 10, "10.0" }, { "LESS_THAN", "9", "10" }, { "less_than", "a9", "a10" }, { "NOT_EQUAL", "x", "x" },
  { "GREATER_THAN_OR_EQUAL", 2, 2 }, { "LESS_THAN_OR_EQUAL", "b", "a" }, { "GREATER_THAN", "0x10", 15 } } do
  print("evaluate", case[1], case[2], case[3], C4:EvaluateExpression(case[1], case[2], case[3]))
end
print("unknown logic", pcall(C4.EvaluateExpression, C4, "LIKE", 1, 2))

C4:CallAsync(function() print("async 1") end)
C4:CallAsync(function() error("async failure") end)
C4:CallAsync(function() print("async 2") end)
print("CallAsync returns", select("#", C4:CallAsync(function() print("END") end)))
print("CallAsync(nil)", pcall(C4.CallAsync, C4))
print("chunk done")
