-- Reading (spec 3.4 to 3.6): the five read modes, the matcher protocol, the receive buffer, partial data on
-- EOF. The server's end ("peer") sends; the client reads. So that sizes do not depend on how bytes arrive,
-- the client first waits with a matcher until the whole payload is buffered (done, n = 0: nothing consumed).
local PAYLOAD = "line1\r\nkey=val;  next0123456789|"

local function show(data)
  if type(data) ~= "string" then return type(data) .. ":" .. tostring(data) end
  return "[" .. (string.gsub(string.gsub(data, "\r", "\\r"), "\n", "\\n")) .. "]"
end

local peer, client
local inside = false  -- true while a Read* call runs: OnRead must never come inside it
local firstLook = true

local function frames(buf)
  if firstLook then
    print("matcher sees", show(buf), "read inside", client:ReadUpTo(1))
    firstLook = false
  end
  local start = string.find(buf, "#", 1, true)
  if not start then
    client:Write("more")  -- all garbage so far: drop it and ask for the rest
    return false, #buf
  end
  local len, body = string.match(buf, "^#(%d+):()", start)
  if not len or #buf < body + len - 1 then return false end
  return true, body + len - 1, { payload = string.sub(buf, body, body + len - 1) }
end

-- The client's reads in order; each is issued when the previous one completed.
local reads = {
  function(c) return c:ReadUntil(function(buf) return string.find(buf, "|", 1, true) ~= nil, 0 end) end,
  function(c) return c:ReadUntil("\r\n") end,
  function(c) return c:ReadUntilOneOf("=;") end,
  function(c) return c:ReadUntilOneOf(";") end,
  function(c) return c:ReadUntilOneNotOf(" ") end,
  function(c) return c:ReadUpTo(3) end,
  function(c) return c:ReadAtLeast(4) end,
  function(c) peer:Write("junk"); return c:ReadUntil(frames) end,
  function(c) return c:ReadUntil(function(buf) if #buf >= 2 then return true, 2, false end return false end) end,
  function(c)
    c:Write("!")  -- the peer answers with "partial" and closes: EOF ends this read with partial data
    return c:ReadUntil(function() error("matcher failure") end)  -- reported; counts as "not yet"
  end,
}

local done = 0
local function issueNext()
  local read = reads[done + 1]
  if not read then return end
  inside = true
  local result = read(client)
  inside = false
  if result ~= client then print("read returned", result) end
end

local function onRead(c, data)
  done = done + 1
  if type(data) == "table" then data = "table:" .. data.payload end
  print("read " .. done, show(data), "inside " .. tostring(inside))
  issueNext()
end

local function badValues(c)
  print("bad values", c:ReadAtLeast(0), c:ReadAtLeast(1048577), c:ReadUpTo(0), c:ReadUpTo(4194305),
    c:ReadUntil(""), c:ReadUntilOneOf(""), c:ReadUntilOneNotOf(""))
  -- valid requests, each replacing the one before; the last is replaced by the first of `reads`
  print("limits", c:ReadAtLeast(1048576) == c, c:ReadUpTo(4194304) == c, c:ReadAtLeast(2.9) == c)
end

local connected = false
local function start()  -- once both ends are in, in whichever order they came
  if not (peer and connected) then return end
  badValues(client)
  peer:Write(PAYLOAD)
  issueNext()
end

server = C4:CreateTCPServer()
  :OnAccept(function(s, accepted)
    peer = accepted
      :OnRead(function(p, data)
        print("peer got", show(data))
        if data == "more" then
          p:Write("\0\255#3:abc#2:deXY"):ReadUntil("!")
        else
          p:Write("partial"):Close(true)
        end
      end)
      :ReadUpTo(4)
    start()
  end)
  :OnListen(function(s, endpoint)
    client = C4:CreateTCPClient()
      :OnConnect(function(c)
        connected = true
        start()
      end)
      :OnRead(onRead)
      :OnDisconnect(function(c, code, msg)
        print("client disconnected", code, msg)
        print("END")
      end)
    client:Connect("127.0.0.1", endpoint.port)
  end)
  :Listen("127.0.0.1", 0)
