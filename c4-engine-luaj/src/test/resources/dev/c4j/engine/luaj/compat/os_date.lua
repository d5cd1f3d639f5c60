-- os.date and os.time; the test runs them in Europe/Paris (TZ=Europe/Paris for lua5.1).
local specifiers = {"a", "A", "b", "B", "c", "C", "d", "D", "e", "F", "g", "G", "h", "H", "I", "j", "k", "l",
                    "m", "M", "n", "p", "P", "r", "R", "s", "S", "t", "T", "u", "U", "V", "w", "W", "x", "X",
                    "y", "Y", "z", "Z", "%", "Q", "E", "Ec", "Oy", "+"}
local times = {0, 86400 * 40 + 3600 * 15 + 61, 1700000000, 951782400, 1711846800, 1711843200, 1230768000,
               1104537600 - 1, 2^31, 4102444800 + 3600 * 13}
for _, t in ipairs(times) do
  local utc, loc = {}, {}
  for _, s in ipairs(specifiers) do
    utc[#utc + 1] = os.date("!%" .. s, t)
    loc[#loc + 1] = os.date("%" .. s, t)
  end
  print(t, table.concat(utc, "|"))
  print(t, table.concat(loc, "|"))
  for _, f in ipairs({"*t", "!*t"}) do
    local tm = os.date(f, t)
    print(f, tm.year, tm.month, tm.day, tm.hour, tm.min, tm.sec, tm.wday, tm.yday, tm.isdst)
  end
end
print(os.date("!%Y-%m-%d %H:%M:%S", 1.9), os.date("!%Y", -1), os.date("!x%", 0), os.date("!%Y\0%m", 0),
      os.date("!", 0), os.date("!%c", 0), os.date("%Y-%m-%d", "86400"))
print(os.time({year = 2020, month = 1, day = 1, hour = 0}), os.time({year = 2020, month = 1, day = 1}),
      os.time({year = 2020, month = 13, day = 1, hour = 12}), os.time({year = 2020, month = 1, day = 0, hour = -1, min = 70, sec = -5}))
print(os.time({year = 2020, month = 1, day = 1, hour = 0, isdst = true}), os.time({year = 2020, month = 7, day = 1, hour = 0, isdst = false}),
      os.time({year = 2020, month = 7, day = 1, hour = 0, isdst = true}), os.time({year = 2020, month = 7, day = 1, hour = 0}))
-- a local time skipped by the spring change (the hour repeated in autumn is resolved differently by glibc per zone)
print(os.time({year = 2024, month = 3, day = 31, hour = 2, min = 30}))
print(os.time({year = "2020", month = "2", day = "1.9", hour = 3.7}), os.time({year = 1970, month = 1, day = 1, hour = 0, min = 59, sec = 59}))
print(pcall(os.time, {year = 2020}))
print(pcall(os.time, {year = 2020, month = 1}))
print(pcall(os.time, {day = 1, month = 1}))
print(type(os.time()), type(os.date()), type(os.clock()), os.date("%Y") == os.date("*t").year .. "")
