package dev.c4j.testkit.semantics;

import dev.c4j.testkit.AllEngines;
import dev.c4j.testkit.TestDriver;

import java.util.List;


import static dev.c4j.testkit.semantics.Drivers.awaitMessage;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Bad input on every method (spec G2, G5): a wrong type raises Lua's own "bad argument" error (methods number
 * arguments without self); a bad value returns nil; nothing else happens.
 */
class ArgumentCheckTest {

    /** Runs {@code lua} after a prelude defining {@code try(label, f, ...)}: prints "label: error message". */
    private static List<String> run(String engine, String lua) {
        try (TestDriver d = Drivers.start(engine, """
                function try(label, f, ...)
                  local ok, err = pcall(f, ...)
                  print(label .. ': ' .. (ok and 'no error' or tostring(err)))
                end
                srv = C4:CreateTCPServer()
                cli = C4:CreateTCPClient()
                """ + lua)) {
            d.assertNoErrors();
            return d.outputLines();
        }
    }

    @AllEngines
    void serverMethodsCheckTheirArgumentTypes(String engine) {
        assertThat(run(engine, """
                try('Listen', srv.Listen, srv, nil)
                try('Listen none', srv.Listen, srv)
                try('Listen service', srv.Listen, srv, '127.0.0.1', {})
                try('Listen backlog', srv.Listen, srv, '127.0.0.1', 0, 'x')
                try('Option name', srv.Option, srv, nil, true)
                try('Option value', srv.Option, srv, 'reuseaddr', 'yes')
                try('Option extra', srv.Option, srv, 'linger', true, 'x')
                try('OnResolve', srv.OnResolve, srv, 1)
                try('OnListen', srv.OnListen, srv, 'f')
                try('OnAccept', srv.OnAccept, srv, {})
                try('OnError', srv.OnError, srv, true)
                try('bad self', srv.Listen, cli, '127.0.0.1', 0)
                try('no self', srv.Close)
                try('GetLocalAddress self', srv.GetLocalAddress, 5)
                """)).containsExactly(
                "Listen: bad argument #1 to 'Listen' (string expected, got nil)",
                "Listen none: bad argument #1 to 'Listen' (string expected, got no value)",
                "Listen service: bad argument #2 to 'Listen' (string expected, got table)",
                "Listen backlog: bad argument #3 to 'Listen' (number expected, got string)",
                "Option name: bad argument #1 to 'Option' (string expected, got nil)",
                "Option value: bad argument #2 to 'Option' (boolean expected, got string)",
                "Option extra: bad argument #3 to 'Option' (number expected, got string)",
                "OnResolve: bad argument #1 to 'OnResolve' (function expected, got number)",
                "OnListen: bad argument #1 to 'OnListen' (function expected, got string)",
                "OnAccept: bad argument #1 to 'OnAccept' (function expected, got table)",
                "OnError: bad argument #1 to 'OnError' (function expected, got boolean)",
                "bad self: calling 'Listen' on bad self (C4LuaTcpServer expected, got userdata)",
                "no self: calling 'Close' on bad self (C4LuaTcpServer expected, got no value)",
                "GetLocalAddress self: calling 'GetLocalAddress' on bad self (C4LuaTcpServer expected, got number)");
    }

    @AllEngines
    void serverMethodsReturnNilForBadValues(String engine) {
        assertThat(run(engine, """
                print('port too big', srv:Listen('127.0.0.1', 70000))
                print('negative port', srv:Listen('127.0.0.1', -1))
                print('backlog 0', srv:Listen('127.0.0.1', 0, 0))
                print('unknown option', srv:Option('bogus', true))
                print('linger without seconds', srv:Option('linger', true))
                print('negative linger', srv:Option('linger', true, -1))
                print('client option', srv:Option('keepalive', true))
                print('good option', srv:Option('reuseaddr', true) == srv, srv:Option('linger', false, 0) == srv)
                print('address before listening', srv:GetLocalAddress())
                print('close fresh', srv:Close() == srv)
                print('setters chain', srv:OnListen(function() end):OnError(nil):OnAccept() == srv)
                print('listen', srv:Listen('127.0.0.1', 0) == srv, 'again', srv:Listen('127.0.0.1', 0))
                """)).containsExactly(
                "port too big\tnil",
                "negative port\tnil",
                "backlog 0\tnil",
                "unknown option\tnil",
                "linger without seconds\tnil",
                "negative linger\tnil",
                "client option\tnil",
                "good option\ttrue\ttrue",
                "address before listening\tnil",
                "close fresh\ttrue",
                "setters chain\ttrue",
                "listen\ttrue\tagain\tnil");
    }

    @AllEngines
    void clientMethodsCheckTheirArgumentTypes(String engine) {
        assertThat(run(engine, """
                try('Connect', cli.Connect, cli, nil, 80)
                try('Connect service', cli.Connect, cli, '127.0.0.1', true)
                try('Write', cli.Write, cli, nil)
                try('Write table', cli.Write, cli, {})
                try('ReadAtLeast', cli.ReadAtLeast, cli, 'x')
                try('ReadUpTo', cli.ReadUpTo, cli)
                try('ReadUntil', cli.ReadUntil, cli, {})
                try('ReadUntilOneOf', cli.ReadUntilOneOf, cli, nil)
                try('ReadUntilOneNotOf', cli.ReadUntilOneNotOf, cli, false)
                try('Option', cli.Option, cli, 'nodelay', 1)
                try('OnConnect', cli.OnConnect, cli, 1)
                try('OnResolve', cli.OnResolve, cli, 1)
                try('OnRead', cli.OnRead, cli, 1)
                try('OnWrite', cli.OnWrite, cli, 1)
                try('OnDisconnect', cli.OnDisconnect, cli, 1)
                try('OnError', cli.OnError, cli, 1)
                try('bad self', cli.Write, srv, 'x')
                """)).containsExactly(
                "Connect: bad argument #1 to 'Connect' (string expected, got nil)",
                "Connect service: bad argument #2 to 'Connect' (string expected, got boolean)",
                "Write: bad argument #1 to 'Write' (string expected, got nil)",
                "Write table: bad argument #1 to 'Write' (string expected, got table)",
                "ReadAtLeast: bad argument #1 to 'ReadAtLeast' (number expected, got string)",
                "ReadUpTo: bad argument #1 to 'ReadUpTo' (number expected, got no value)",
                "ReadUntil: bad argument #1 to 'ReadUntil' (string or function expected, got table)",
                "ReadUntilOneOf: bad argument #1 to 'ReadUntilOneOf' (string expected, got nil)",
                "ReadUntilOneNotOf: bad argument #1 to 'ReadUntilOneNotOf' (string expected, got boolean)",
                "Option: bad argument #2 to 'Option' (boolean expected, got number)",
                "OnConnect: bad argument #1 to 'OnConnect' (function expected, got number)",
                "OnResolve: bad argument #1 to 'OnResolve' (function expected, got number)",
                "OnRead: bad argument #1 to 'OnRead' (function expected, got number)",
                "OnWrite: bad argument #1 to 'OnWrite' (function expected, got number)",
                "OnDisconnect: bad argument #1 to 'OnDisconnect' (function expected, got number)",
                "OnError: bad argument #1 to 'OnError' (function expected, got number)",
                "bad self: calling 'Write' on bad self (C4LuaTcpClient expected, got userdata)");
    }

    @AllEngines
    void clientMethodsReturnNilForBadValuesAndStates(String engine) {
        assertThat(run(engine, """
                print('port 0', cli:Connect('127.0.0.1', 0))
                print('port too big', cli:Connect('127.0.0.1', 65536))
                print('write before connect', cli:Write('x'))
                print('read before connect', cli:ReadUntil('x'), cli:ReadAtLeast(1), cli:ReadUpTo(1))
                print('ReadAtLeast range', cli:ReadAtLeast(0), cli:ReadAtLeast(0.9), cli:ReadAtLeast(1048577))
                print('ReadUpTo range', cli:ReadUpTo(0), cli:ReadUpTo(4194305), cli:ReadUpTo(-3))
                print('empty delimiters', cli:ReadUntil(''), cli:ReadUntilOneOf(''), cli:ReadUntilOneNotOf(''))
                print('unknown option', cli:Option('reuseaddr', true), cli:Option('bogus', true))
                print('linger without seconds', cli:Option('linger', true))
                print('good option', cli:Option('nodelay', true) == cli, cli:Option('keepalive', false) == cli)
                print('addresses', cli:GetLocalAddress(), cli:GetRemoteAddress())
                print('close fresh', cli:Close() == cli, cli:Close(true) == cli)
                print('empty write', cli:Write(''))
                """)).containsExactly(
                "port 0\tnil",
                "port too big\tnil",
                "write before connect\tnil",
                "read before connect\tnil\tnil\tnil",
                "ReadAtLeast range\tnil\tnil\tnil",
                "ReadUpTo range\tnil\tnil\tnil",
                "empty delimiters\tnil\tnil\tnil",
                "unknown option\tnil\tnil",
                "linger without seconds\tnil",
                "good option\ttrue\ttrue",
                "addresses\tnil\tnil",
                "close fresh\ttrue\ttrue",
                "empty write\tnil");
    }

    @AllEngines
    void timerFunctionsRaiseForBadTypesAndValues(String engine) {
        assertThat(run(engine, """
                try('SetTimer 0', C4.SetTimer, C4, 0, function() end)
                try('SetTimer negative', C4.SetTimer, C4, -5, function() end)
                try('SetTimer string', C4.SetTimer, C4, 'soon', function() end)
                try('SetTimer no fn', C4.SetTimer, C4, 10)
                try('SetTimer fn string', C4.SetTimer, C4, 10, 'f')
                try('SetTimer infinite', C4.SetTimer, C4, 1/0, function() end)
                local t = C4:SetTimer('10', function() end)
                print('numeric string delay', tostring(t):match('^C4LuaTimer: 0x') ~= nil, t:Cancel())
                try('Cancel self', t.Cancel)
                try('AddTimer units', C4.AddTimer, C4, 1, 'DAYS')
                try('AddTimer no units', C4.AddTimer, C4, 1)
                try('AddTimer 0', C4.AddTimer, C4, 0, 'SECONDS')
                try('AddTimer type', C4.AddTimer, C4, 'x', 'SECONDS')
                try('KillTimer', C4.KillTimer, C4, 'x')
                print('KillTimer unknown', C4:KillTimer(12345))
                print('AddTimer id', C4:AddTimer(1, 'HOURS') > 0)
                """)).containsExactly(
                "SetTimer 0: bad argument #1 to 'SetTimer' (delay must be a positive number)",
                "SetTimer negative: bad argument #1 to 'SetTimer' (delay must be a positive number)",
                "SetTimer string: bad argument #1 to 'SetTimer' (number expected, got string)",
                "SetTimer no fn: bad argument #2 to 'SetTimer' (function expected, got no value)",
                "SetTimer fn string: bad argument #2 to 'SetTimer' (function expected, got string)",
                "SetTimer infinite: bad argument #1 to 'SetTimer' (delay must be a positive number)",
                "numeric string delay\ttrue",
                "Cancel self: calling 'Cancel' on bad self (C4LuaTimer expected, got no value)",
                "AddTimer units: bad argument #2 to 'AddTimer' (MILLISECONDS, SECONDS, MINUTES or HOURS expected, got 'DAYS')",
                "AddTimer no units: bad argument #2 to 'AddTimer' (string expected, got no value)",
                "AddTimer 0: bad argument #1 to 'AddTimer' (interval must be a positive number)",
                "AddTimer type: bad argument #1 to 'AddTimer' (number expected, got string)",
                "KillTimer: bad argument #1 to 'KillTimer' (number expected, got string)",
                "KillTimer unknown\t0",
                "AddTimer id\ttrue");
    }

    @AllEngines
    void everyMethodChecksItsSelf(String engine) {
        // The methods are named here, not read from getmetatable(object).__index: every engine hides the
        // objects' metatables (getmetatable gives false).
        List<String> lines = run(engine, """
                local objects = {
                  { srv, { 'Close', 'GetLocalAddress', 'Listen', 'OnAccept', 'OnError', 'OnListen', 'OnResolve',
                           'Option' } },
                  { cli, { 'Close', 'Connect', 'GetLocalAddress', 'GetRemoteAddress', 'OnConnect', 'OnDisconnect',
                           'OnError', 'OnRead', 'OnResolve', 'OnWrite', 'Option', 'ReadAtLeast', 'ReadUntil',
                           'ReadUntilOneNotOf', 'ReadUntilOneOf', 'ReadUpTo', 'Write' } },
                  { C4:SetTimer(1000, function() end), { 'Cancel' } },
                }
                for _, entry in ipairs(objects) do
                  local object, names = entry[1], entry[2]
                  for _, name in ipairs(names) do
                    local ok, err = pcall(object[name], 'not an object')
                    print(ok, err)
                  end
                end
                """);
        assertThat(lines).hasSize(8 + 17 + 1);
        assertThat(lines).allSatisfy(line -> assertThat(line)
                .matches("false\tcalling '\\w+' on bad self \\(C4Lua(TcpServer|TcpClient|Timer) expected, got string\\)"));
        assertThat(lines).contains(
                "false\tcalling 'GetRemoteAddress' on bad self (C4LuaTcpClient expected, got string)",
                "false\tcalling 'Cancel' on bad self (C4LuaTimer expected, got string)",
                "false\tcalling 'OnAccept' on bad self (C4LuaTcpServer expected, got string)");
    }

    @AllEngines
    void argumentErrorsInCallbacksCarryNoJavaStackTrace(String engine) {
        try (TestDriver d = Drivers.start(engine, """
                function OnDriverLateInit() C4:CreateTCPServer():Listen() end
                """)) {
            String report = awaitMessage(d, "bad argument");
            assertThat(report).startsWith("bad argument #1 to 'Listen' (string expected, got no value)\nstack traceback:");
            assertThat(report).doesNotContain("at dev.c4j", "Exception");
        }
    }
}
