--[[
  Bulk reader: reads everything a device sends until it closes, with ReadUpTo or ReadAtLeast, and prints the
  byte count and the Adler-32 sums (as two numbers) so that a test can check every byte arrived, in order.

  Properties: "Host", "Port", "Read" ("ReadUpTo" or "ReadAtLeast"), "Size" (its argument).
]]

local HOST = Properties["Host"]
local PORT = tonumber(Properties["Port"])
local READ = Properties["Read"]
local SIZE = tonumber(Properties["Size"])

local total, s1, s2 = 0, 1, 0
local chunks, largest, short = 0, 0, 0  -- short: chunks below SIZE (ReadAtLeast allows one, the last)

local byte = string.byte

-- Adler-32, eight bytes per string.byte call: one call per byte makes LuaJ take seconds for a few MiB.
local function adler(data)
  local n, i = #data, 1
  while i + 7 <= n do
    local b1, b2, b3, b4, b5, b6, b7, b8 = byte(data, i, i + 7)
    s1 = s1 + b1; s2 = s2 + s1; s1 = s1 + b2; s2 = s2 + s1; s1 = s1 + b3; s2 = s2 + s1; s1 = s1 + b4; s2 = s2 + s1
    s1 = s1 + b5; s2 = s2 + s1; s1 = s1 + b6; s2 = s2 + s1; s1 = s1 + b7; s2 = s2 + s1; s1 = s1 + b8; s2 = s2 + s1
    s1, s2 = s1 % 65521, s2 % 65521
    i = i + 8
  end
  for j = i, n do
    s1 = (s1 + byte(data, j)) % 65521
    s2 = (s2 + s1) % 65521
  end
end

local function add(data)
  adler(data)
  total = total + #data
  chunks = chunks + 1
  largest = math.max(largest, #data)
  if #data < SIZE then short = short + 1 end
end

function OnDriverLateInit()
  client = C4:CreateTCPClient()
    :OnConnect(function(cli) cli[READ](cli, SIZE) end)
    :OnRead(function(cli, data)
      add(data)
      cli[READ](cli, SIZE)
    end)
    :OnError(function(cli, code, msg, op) print("error " .. code .. " " .. msg .. " " .. op) end)
    :OnDisconnect(function(cli, code, msg)
      print("received " .. total .. " bytes, adler " .. s1 .. " " .. s2)
      print("largest chunk " .. largest .. ", chunks below " .. SIZE .. ": " .. short .. " of " .. chunks)
      print("disconnected " .. code .. " " .. msg)
    end)
    :Connect(HOST, PORT)
end
