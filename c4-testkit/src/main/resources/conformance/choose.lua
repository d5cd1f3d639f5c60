-- Resolve and endpoint choice (spec 4), on servers (and one client) listening on 127.0.0.1. The cases run
-- one after the other; each ends with OnListen or OnError.
--! await case 7: waiting
--! advance 100
local cases, current = {}, 0
keep = {}  -- global: objects stay referenced until the end (an unreferenced server is collected)

local function nextCase()
  current = current + 1
  local case = cases[current]
  if case then case() else print("END") end
end

local function server(label, onResolve)
  local srv = C4:CreateTCPServer()
    :OnResolve(onResolve)
    :OnListen(function(s, endpoint)
      print(label .. ": listening on " .. endpoint.ip)
      s:Close()
      nextCase()
    end)
    :OnError(function(s, code, msg, op)
      print(label .. ": error " .. code .. " " .. msg .. " " .. op)
      nextCase()
    end)
  keep[#keep + 1] = srv
  return srv
end

cases[1] = function()  -- no handler: the first endpoint
  server("case 1", nil):Listen("127.0.0.1", 0)
end
cases[2] = function()  -- the handler returns an index
  server("case 2", function(s, endpoints) return 1 end):Listen("127.0.0.1", 0)
end
cases[3] = function()  -- choose(0) cancels with 22
  server("case 3", function(s, endpoints, choose) choose(0) end):Listen("127.0.0.1", 0)
end
cases[4] = function()  -- an out-of-range return value cancels too
  server("case 4", function(s, endpoints) return #endpoints + 1 end):Listen("127.0.0.1", 0)
end
cases[5] = function()  -- two parameters, nothing returned: the default at once (the vendor's chat server)
  server("case 5", function(s, endpoints) end):Listen("127.0.0.1", 0)
end
cases[6] = function()  -- choose called twice: the first call counts; the return value is ignored
  server("case 6", function(s, endpoints, choose) choose(1); choose(0); return 0 end):Listen("127.0.0.1", 0)
end
cases[7] = function()  -- choose kept for later: nothing happens until the timer chooses
  server("case 7", function(s, endpoints, choose)
    print("case 7: waiting")
    C4:SetTimer(100, function() print("case 7: choosing"); choose() end)
  end):Listen("127.0.0.1", 0)
end
cases[8] = function()  -- three parameters, choose dropped: the default once it is collected
  server("case 8", function(s, endpoints, choose) end):Listen("127.0.0.1", 0)
end
cases[9] = function()  -- Close while the choice is open: 125 on "resolve"; a later choose is ignored
  server("case 9", function(s, endpoints, choose)
    s:Close()
    choose(1)
  end):Listen("127.0.0.1", 0)
end
cases[10] = function()  -- a client chooses inside its handler
  local listener = server("case 10 server", nil)
  listener:OnListen(function(s, endpoint)
    local cli = C4:CreateTCPClient()
      :OnResolve(function(c, endpoints, choose) choose(#endpoints) end)
      :OnConnect(function(c)
        print("case 10: connected to " .. c:GetRemoteAddress().ip)
        c:Close()
        s:Close()
        nextCase()
      end)
      :OnError(function(c, code, msg, op) print("case 10: error " .. code .. " " .. op); nextCase() end)
    keep[#keep + 1] = cli
    cli:Connect("127.0.0.1", endpoint.port)
  end)
  listener:Listen("127.0.0.1", 0)
end

nextCase()
