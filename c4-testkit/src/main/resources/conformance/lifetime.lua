-- Object lifetime (spec 5): a pending operation keeps an unreferenced object alive until its callback; an
-- unreferenced listening server is collected and stops listening; collecting or closing a server leaves its
-- accepted connections alone.
--! await phase 1 done
--! gc
--! advance 1
local doomedPort

-- A listen pending on an unreferenced server survives a full collection and completes.
C4:CreateTCPServer()
  :OnListen(function(s, endpoint)
    doomedPort = endpoint.port
    print("unreferenced server listening")
    -- An unreferenced accepted client with a pending write still delivers it, then closes.
    host = C4:CreateTCPServer()
      :OnAccept(function(srv, client)
        client:Write("Sorry"):Close(true)
        collectgarbage("collect")
      end)
      :OnListen(function(srv, ep)
        local received = ""
        visitor = C4:CreateTCPClient()
          :OnConnect(function(c) c:ReadAtLeast(1) end)
          :OnRead(function(c, data) received = received .. data; c:ReadAtLeast(1) end)
          :OnDisconnect(function(c, code, msg)
            print("visitor got " .. received .. ", then " .. code .. " " .. msg)
            print("phase 1 done")
          end)
        visitor:Connect("127.0.0.1", ep.port)
      end)
      :Listen("127.0.0.1", 0)
  end)
  :Listen("127.0.0.1", 0)
collectgarbage("collect")

-- After the runner's full collection, the unreferenced listening server is gone: its port refuses.
C4:SetTimer(1, function()
  late = C4:CreateTCPClient()
    :OnConnect(function() print("doomed server still accepting") end)
    :OnError(function(c, code, msg, op)
      print("doomed server: " .. code .. " " .. msg .. " " .. op)
      print("END")
    end)
  late:Connect("127.0.0.1", doomedPort)
end)
