-- Outbound clients (spec 3.1, 3.2, 3.7, 3.8): bad values, connect failures, Close in every state, EOF held
-- while no read is outstanding, reconnecting the same object. Cases run one after the other.
local cases, current = {}, 0
local port

local function nextCase()
  current = current + 1
  if cases[current] then cases[current]() else print("END") end
end

local function client(label)
  return C4:CreateTCPClient()
    :OnConnect(function(c) print(label .. ": connected") end)
    :OnError(function(c, code, msg, op) print(label .. ": error " .. code .. " " .. msg .. " " .. op) end)
    :OnDisconnect(function(c, code, msg) print(label .. ": disconnected " .. code .. " " .. msg) end)
end

cases[1] = function()  -- values that give nil, options before connecting
  local c = client("case 1")
  print("case 1:", c:Write("x"), c:Connect("127.0.0.1", 0), c:Connect("127.0.0.1", 65536), c:GetRemoteAddress(),
    c:GetLocalAddress(), c:Close() == c)
  print("case 1:", c:Option("keepalive", true) == c, c:Option("nodelay", true) == c, c:Option("linger", true, 1) == c,
    c:Option("linger", true), c:Option("reuseaddr", true), c:Option("bogus", true))
  print("case 1:", string.match(tostring(c), "^C4LuaTcpClient: 0x%x+$") ~= nil, c:OnRead(nil) == c)
  nextCase()
end
cases[2] = function()  -- a port nobody listens on: refused, no OnDisconnect
  local probe = C4:CreateTCPServer()
  probe:OnListen(function(s, endpoint)
    s:Close()
    local c = client("case 2")
    c:OnError(function(cli, code, msg, op)
      print("case 2: error " .. code .. " " .. msg .. " " .. op)
      nextCase()
    end)
    print("case 2: connect", c:Connect("127.0.0.1", endpoint.port) == c)
  end):Listen("127.0.0.1", 0)
end
cases[3] = function()  -- an unknown service name
  local c = client("case 3")
  c:OnError(function(cli, code, msg, op) print("case 3: error " .. code .. " " .. msg .. " " .. op); nextCase() end)
  c:Connect("127.0.0.1", "no-such-service-c4j")
end
cases[4] = function()  -- Close while resolving
  local c = client("case 4")
  c:OnError(function(cli, code, msg, op) print("case 4: error " .. code .. " " .. msg .. " " .. op); nextCase() end)
  c:Connect("127.0.0.1", port)
  print("case 4: close", c:Close() == c)
end
cases[5] = function()  -- Close once an endpoint was chosen: the connect is cancelled
  local c = client("case 5")
  c:OnError(function(cli, code, msg, op) print("case 5: error " .. code .. " " .. msg .. " " .. op); nextCase() end)
  c:OnResolve(function(cli, endpoints, choose) choose(1); cli:Close() end)
  c:Connect("127.0.0.1", port)
end
cases[6] = function()  -- connected, closed by us, reconnected with the same handlers, then the peer closes
  local c = client("case 6")
  local connects = 0
  c:OnConnect(function(cli)
    connects = connects + 1
    print("case 6: connected " .. connects, cli:GetRemoteAddress().port == port, cli:Connect("127.0.0.1", port))
    if connects == 1 then
      cli:Close()
      print("case 6: after close", cli:Write("x"), cli:GetRemoteAddress().port == port)
    else
      cli:ReadUpTo(10)  -- the peer closes at once: its end is reported through the read
    end
  end)
  c:OnDisconnect(function(cli, code, msg)
    print("case 6: disconnected " .. code .. " " .. msg)
    if connects == 1 then
      print("case 6: reconnect", cli:Connect("127.0.0.1", port) == cli)
    else
      nextCase()
    end
  end)
  c:Connect("127.0.0.1", port)
end
local case7 = {}  -- both ends report; printed in a fixed order once both are in
local function case7ended(which, text)
  case7[which] = text
  if case7.client and case7.peer then
    print(case7.client)
    print(case7.peer)
    nextCase()
  end
end
cases[7] = function()  -- Close(true) sends what is queued, then the peer sees the end
  local c = client("case 7")
  c:OnConnect(function(cli)
    cli:Write("one "):Write("two"):Close(true)
    print("case 7: write after close", cli:Write("three"))
  end)
  c:OnDisconnect(function(cli, code, msg) case7ended("client", "case 7: disconnected " .. code .. " " .. msg) end)
  c:Connect("127.0.0.1", port)
end

local accepts = 0
listener = C4:CreateTCPServer()
  :OnListen(function(s, endpoint)
    port = endpoint.port
    nextCase()
  end)
  :OnAccept(function(s, accepted)
    accepts = accepts + 1
    if current == 6 and accepts == 2 then  -- case 6's second connection: hang up at once
      accepted:Close()
      return
    end
    local data = ""
    accepted
      :OnRead(function(a, chunk)
        data = data .. chunk
        a:ReadAtLeast(1)
      end)
      :OnDisconnect(function(a, code, msg)
        if data ~= "" then
          case7ended("peer", "peer received " .. data .. ", then " .. code .. " " .. msg)
        end
      end)
      :ReadAtLeast(1)
  end)
  :Listen("127.0.0.1", 0)
