-- TCP server (spec 2) and accepted connections (spec 3), against clients of the same driver on 127.0.0.1.
-- Events of the two ends of a connection come in no fixed order, so each step prints once both ends are in.
srv = C4:CreateTCPServer()  -- global: an unreferenced server is collected (spec 5)
print("fresh", srv:GetLocalAddress(), srv:Close() == srv)
print("chain", srv:OnListen(nil) == srv, srv:OnAccept(nil) == srv, srv:OnError(nil) == srv, srv:OnResolve(nil) == srv)
print("tostring", string.match(tostring(srv), "^C4LuaTcpServer: 0x%x+$") ~= nil)
print("options", srv:Option("reuseaddr", true) == srv, srv:Option("linger", true, 5) == srv,
  srv:Option("linger", false, 0) == srv, srv:Option("bogus", true), srv:Option("linger", true), srv:Option("keepalive", true))

local port, accepted, client, connected, serverWrites = nil, nil, nil, false, 0
local members = {}
local ends = {}

local closing = false
local function show(data)
  return (string.gsub(string.gsub(data, "\r", "\\r"), "\n", "\\n"))
end

local function finish()
  print("server OnWrite calls", serverWrites)
  srv:Close()
  print("listen after close", srv:Listen("!local", 0) == srv)
  closing = true
  srv:Close()  -- while resolving: OnError 125 on "resolve"
end

local function ended(which, code, msg)
  ends[which] = code .. " " .. msg
  if ends.server and ends.client then
    print("disconnected", ends.server, ends.client, members[accepted])
    finish()
  end
end

local function bothConnected()
  if not (accepted and connected) then return end
  print("identity", accepted ~= client, members[accepted])
  local la, ra = accepted:GetLocalAddress(), accepted:GetRemoteAddress()
  local cl, cr = client:GetLocalAddress(), client:GetRemoteAddress()
  print("addresses", la.ip, la.port == port, ra.ip, ra.port == cl.port, cr.port == port, type(ra.port))
  print("client tostring", string.match(tostring(accepted), "^C4LuaTcpClient: 0x%x+$") ~= nil, tostring(accepted) ~= tostring(client))
  accepted:Write("hello\r\n"):Write("world\r\n")
  client:ReadUntil("\r\n")
end

client = C4:CreateTCPClient()
  :OnConnect(function(c)
    connected = (c == client)
    bothConnected()
  end)
  :OnRead(function(c, data)
    print("client read", c == client, show(data))
    if data == "hello\r\n" then
      c:ReadUntil("\r\n")
    elseif data == "world\r\n" then
      c:Write("ping\r\n")
      c:ReadUntil("\r\n")
    elseif data == "bye\r\n" then
      c:ReadUntil("\r\n")  -- the server closes after "bye": EOF ends this read
    end
  end)
  :OnDisconnect(function(c, code, msg) ended("client", code, msg) end)
  :OnError(function(c, code, msg, op) print("client error", code, msg, op) end)

srv
  :OnResolve(function(s, endpoints)
    print("OnResolve", s == srv, endpoints[1].ip, endpoints[1].port)
  end)
  :OnListen(function(s, endpoint)
    local addr = s:GetLocalAddress()
    port = addr.port
    print("OnListen", s == srv, endpoint.ip, endpoint.port == port, port > 0, addr.ip)
    print("listen again", s:Listen("!local", 0))
    local rival = C4:CreateTCPServer()
      :OnError(function(r, code, msg, op)
        print("rival OnError", code, msg, op)
        print("connect", client:Connect("127.0.0.1", port) == client, client:Connect("127.0.0.1", port))
      end)
      :OnListen(function() print("rival listening?!") end)
    rival:Option("reuseaddr", false)
    rival:Listen("127.0.0.1", port)
  end)
  :OnAccept(function(s, c)
    accepted = c
    members[c] = "member"
    print("accepted", s == srv, c:GetLocalAddress() ~= nil)
    c
      :OnRead(function(cli, data)
        print("server read", cli == accepted, members[cli], show(data))
        cli:Write("bye\r\n"):Close(true)
        print("write after close", cli:Write("x"))
      end)
      :OnWrite(function(cli) serverWrites = serverWrites + 1 end)
      :OnDisconnect(function(cli, code, msg) ended("server", code, msg) end)
      :ReadUntil("\r\n")
    bothConnected()
  end)
  :OnError(function(s, code, msg, op)
    print("server error", code, msg, op)
    if closing then print("END") end
  end)
print("listen", srv:Listen("127.0.0.1", "0") == srv)
