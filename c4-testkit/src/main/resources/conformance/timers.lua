-- Timers on virtual time (spec 6): one-shot, repeating with exact skips (the worked example of 6.2),
-- Cancel (also inside its own callback), creation order, fractional delays, legacy timers, bad input.
--! advance 850
--! advance 150
--! advance 1000
local t0 = C4:GetTickCount()
local function now() return C4:GetTickCount() - t0 end
local function argError(f, ...)
  local ok, msg = pcall(f, ...)
  return tostring(ok) .. " " .. tostring(string.match(tostring(msg), "^bad argument #%d+ to '[%w_]+'"))
end

local periods = 0
local rep
rep = C4:SetTimer(250, function(timer, skips)
  periods = periods + 1 + skips
  print("repeat at " .. now() .. " skips " .. skips .. " same " .. tostring(timer == rep) .. " periods " .. periods)
  if now() >= 1000 then
    timer:Cancel()
    timer:Cancel()
  end
end, true)
C4:SetTimer(100, function(...)
  print("once at " .. now() .. " argc " .. select("#", ...) .. " same " .. tostring((...) ~= rep))
end)
C4:SetTimer(99.2, function() print("fraction at " .. now()) end)
C4:SetTimer(300, function() print("A at " .. now()) end)
C4:SetTimer(300, function() print("B at " .. now()) end)
local cancelled = C4:SetTimer(200, function() print("never") end)
print(cancelled:Cancel())
print(string.match(tostring(rep), "^C4LuaTimer: 0x%x+$") ~= nil, tostring(rep) ~= tostring(cancelled))

local legacyOnce, legacyRep
function OnTimerExpired(id)
  local which = (id == legacyOnce and "once") or (id == legacyRep and "rep") or tostring(id)
  print("OnTimerExpired " .. which .. " at " .. now())
  if which == "rep" and now() >= 2000 then
    print("KillTimer " .. C4:KillTimer(legacyRep))
    print("END")
  end
end
legacyOnce = C4:AddTimer(1, "SECONDS")
legacyRep = C4:AddTimer(400, "MILLISECONDS", true)
print(type(legacyOnce), legacyOnce > 0, legacyOnce ~= legacyRep)
print(C4:KillTimer(123456))

print(argError(C4.SetTimer, C4, 0, function() end))
print(argError(C4.SetTimer, C4, -5, function() end))
print(argError(C4.SetTimer, C4, "soon", function() end))
print(argError(C4.SetTimer, C4, 100))
print(argError(C4.SetTimer, C4, 100, "not a function"))
print(argError(C4.KillTimer, C4, "abc"))
print(argError(C4.AddTimer, C4, 1, "FORTNIGHTS"))
print(type(C4:SetTimer("50", function() end)))
