package dev.c4j.testkit.reliability;

import dev.c4j.cli.testing.ChildProcess;
import org.junit.jupiter.api.Tag;
import dev.c4j.testkit.AllEngines;
import dev.c4j.testkit.TestDriver;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A peer that sends its request and shuts its side (a half-close, as {@code printf req | nc -N} does) still gets its
 * reply: TCP allows writing until the peer closes. The reply used to be lost (Write returned nil).
 */
@Tag("reliability")
class HalfCloseTest {

    @AllEngines
    void theEchoAnswersPeersThatHalfClosed(String engine) throws IOException {
        Path echo = ChildProcess.repository().resolve("examples/src/main/lua/echo.lua");
        try (TestDriver d = TestDriver.builder().engine(engine).source(echo).start()) {
            int port = Integer.parseInt(d.awaitOutput("listening on .*:(\\d+)$").group(1));
            for (String request : new String[] {"hello\n", "no newline", "two\nlines\n", "one\nand a half"}) {
                try (Socket peer = new Socket(InetAddress.getLoopbackAddress(), port)) {
                    peer.setSoTimeout(10_000);
                    peer.getOutputStream().write(request.getBytes(StandardCharsets.US_ASCII));
                    peer.shutdownOutput();
                    try (InputStream in = peer.getInputStream()) {
                        assertThat(new String(in.readAllBytes(), StandardCharsets.US_ASCII)).as(request)
                                .isEqualTo(request);
                    }
                }
            }
            d.assertNoErrors();
        }
    }

    /** A reply written later than the partial read still goes out while the peer's side alone is shut. */
    @AllEngines
    void aReplyFromATimerReachesAPeerThatHalfClosed(String engine) throws IOException {
        try (TestDriver d = Reliability.start(engine, """
                server = C4:CreateTCPServer()
                  :OnListen(function(s, ep) print("port " .. ep.port) end)
                  :OnAccept(function(s, client)
                    client:OnRead(function(c, request)
                      C4:SetTimer(50, function() c:Write("re: " .. request):Close(true) end)
                    end):ReadUpTo(100)
                  end)
                  :Listen("127.0.0.1", 0)
                """)) {
            int port = Reliability.awaitPort(d);
            try (Socket peer = new Socket(InetAddress.getLoopbackAddress(), port)) {
                peer.setSoTimeout(10_000);
                peer.getOutputStream().write("question".getBytes(StandardCharsets.US_ASCII));
                peer.shutdownOutput();
                try (InputStream in = peer.getInputStream()) {
                    assertThat(new String(in.readAllBytes(), StandardCharsets.US_ASCII)).isEqualTo("re: question");
                }
            }
        }
    }
}
