-- Lifecycle (spec 1): chunk, then OnDriverInit and OnDriverLateInit with "DIT_STARTUP".
print("chunk")

function OnDriverInit(dit)
  print("OnDriverInit " .. tostring(dit))
end

function OnDriverLateInit(dit)
  print("OnDriverLateInit " .. tostring(dit))
  print("END")
end
