package dev.c4j.net;

import static org.assertj.core.api.Assertions.assertThat;

import dev.c4j.api.NetError;
import io.netty.channel.ConnectTimeoutException;
import io.netty.channel.unix.Errors;
import java.io.IOException;
import java.net.BindException;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.SocketException;
import java.net.UnknownHostException;
import java.nio.channels.ClosedChannelException;
import org.junit.jupiter.api.Test;

class NetErrorsTest {

    private static int code(Throwable t) {
        return NetErrors.code(t);
    }

    @Test
    void nativeErrnoWins() {
        assertThat(code(new Errors.NativeIoException("readAddress", -104))).isEqualTo(104);
        assertThat(code(new Errors.NativeIoException("writev", -32))).isEqualTo(32);
        assertThat(code(new Errors.NativeIoException("bind", -98))).isEqualTo(98);
        assertThat(code(new ConnectException("connect(..) failed with error(-111): Connection refused")))
                .isEqualTo(111);
        // Netty annotates connect errors with the address and keeps the original as cause
        assertThat(code(new ConnectException("Connection refused: /127.0.0.1:1")
                .initCause(new ConnectException("connect(..) failed with error(-113): No route to host"))))
                .isEqualTo(111);
    }

    @Test
    void nioMessagesOfLinuxMacAndWindows() {
        assertThat(code(new ConnectException("Connection refused"))).isEqualTo(111);
        assertThat(code(new IOException("Connection reset by peer"))).isEqualTo(104);
        assertThat(code(new SocketException("Connection reset"))).isEqualTo(104);
        assertThat(code(new IOException("An existing connection was forcibly closed by the remote host")))
                .isEqualTo(104);
        assertThat(code(new IOException("Broken pipe"))).isEqualTo(32);
        assertThat(code(new BindException("Address already in use"))).isEqualTo(98);
        assertThat(code(new BindException("Permission denied"))).isEqualTo(13);
        assertThat(code(new BindException("Cannot assign requested address"))).isEqualTo(99);
        assertThat(code(new BindException("Can't assign requested address"))).isEqualTo(99); // macOS
        assertThat(code(new IOException("Operation timed out"))).isEqualTo(110); // macOS ETIMEDOUT text
        assertThat(code(new IOException("Too many open files"))).isEqualTo(24);
        assertThat(code(new IOException("Too many open files in system"))).isEqualTo(23);
        assertThat(code(new IOException("Software caused connection abort"))).isEqualTo(103);
        assertThat(code(new ConnectException("Network is unreachable"))).isEqualTo(101);
    }

    @Test
    void types() {
        assertThat(code(new NoRouteToHostException())).isEqualTo(113);
        assertThat(code(new ConnectTimeoutException("connection timed out"))).isEqualTo(110);
        assertThat(code(new java.net.SocketTimeoutException())).isEqualTo(110);
        assertThat(code(new ConnectException())).isEqualTo(111);
        assertThat(code(new BindException())).isEqualTo(98);
        assertThat(code(new ClosedChannelException())).isEqualTo(32);
        assertThat(code(new IOException("something odd"))).isEqualTo(5);
        assertThat(code(new RuntimeException())).isEqualTo(5);
    }

    @Test
    void resolverErrors() {
        assertThat(code(new UnknownHostException("x.invalid: Name or service not known"))).isEqualTo(1);
        assertThat(code(new UnknownHostException("x.example: Temporary failure in name resolution"))).isEqualTo(2);
        assertThat(NetErrors.of(new UnknownHostException("x")).message()).isEqualTo("Host not found (authoritative)");
    }

    @Test
    void textsAreGlibcs() {
        assertThat(NetErrors.of(new IOException("Connection reset by peer")))
                .isEqualTo(new NetError(104, "Connection reset by peer"));
        assertThat(NetErrors.of(new IOException("?"))).isEqualTo(new NetError(5, "Input/output error"));
    }
}
