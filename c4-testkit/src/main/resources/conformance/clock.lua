-- Clocks (spec 6.4) on the suite's virtual clock, which starts at 2026-01-01T00:00:00Z with tick count 0.
--! advance 1500
print(C4:GetTime(), C4:GetTime("ms"), C4:GetTime("bogus"))
print(C4:GetTime("s"), C4:GetTime("min"), C4:GetTime("h"), C4:GetTime("d"), C4:GetTime("w"))
print(C4:GetTime("y"), C4:GetTime("dec"), C4:GetTime("y", true), C4:GetTime("dec", true))
print(C4:GetTime("us"), C4:GetTime("ns"))
print(C4:GetTickCount())
C4:SetTimer(1500, function()
  print(C4:GetTime(), C4:GetTime("s"), C4:GetTime("s", true), C4:GetTime("min", true))
  print(C4:GetTime("us"), C4:GetTickCount())
  print("END")
end)
