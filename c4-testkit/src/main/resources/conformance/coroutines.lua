-- Calls made from inside coroutines behave and order exactly as from a callback (LuaJ runs each coroutine on
-- a Java thread of its own; the native engines do not).
--! await peer got one two
--! advance 10
local received = ""

server = C4:CreateTCPServer()
  :OnAccept(function(s, peer)
    peer
      :OnRead(function(p, data) received = received .. data; p:ReadAtLeast(1) end)
      :OnDisconnect(function(p, code)
        print("peer got " .. received)
      end)
      :ReadAtLeast(1)
  end)
  :OnListen(function(s, endpoint)
    client = C4:CreateTCPClient()
      :OnConnect(function(c)
        local steps = coroutine.wrap(function(cli)
          cli:Write("one ")
          print("in coroutine, bad call:", select(2, pcall(cli.Write, cli)))
          coroutine.yield("yielded")
          cli:Write("two"):Close(true)
          print("write after close:", cli:Write("three"))
          return "finished"
        end)
        print("resume 1:", steps(c))
        print("between resumes")
        print("resume 2:", steps())
      end)
    client:Connect("127.0.0.1", endpoint.port)
  end)
  :Listen("127.0.0.1", 0)

coroutine.wrap(function()
  C4:SetTimer(10, function(timer)
    print("timer set in a coroutine fired")
    local co = coroutine.create(function() C4:SetTimer(5, function() end):Cancel(); return "done" end)
    print("timer in a timer's coroutine:", coroutine.resume(co))
    print("END")
  end)
end)()
