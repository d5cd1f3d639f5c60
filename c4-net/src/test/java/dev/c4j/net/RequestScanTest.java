package dev.c4j.net;

import static org.assertj.core.api.Assertions.assertThat;

import dev.c4j.api.ReadRequest;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import java.nio.charset.StandardCharsets;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

/** The incremental searches give the same answer however the bytes arrive: checked for every split of inputs. */
class RequestScanTest {

    private static byte[] b(String s) {
        return s.getBytes(StandardCharsets.ISO_8859_1);
    }

    /** Feeds {@code input} in two parts at every split point, scanning after each part, and expects {@code taken}. */
    private static void everySplit(String input, Supplier<ReadRequest> request, int taken) {
        for (int split = 0; split <= input.length(); split++) {
            for (int third = split; third <= input.length(); third++) {
                RequestScan scan = RequestScan.of(request.get());
                ByteBuf buffer = Unpooled.buffer();
                buffer.writeBytes(b("##")).skipBytes(2); // a reader index that is not 0
                int result = RequestScan.NOT_YET;
                for (String part : new String[] {input.substring(0, split), input.substring(split, third),
                        input.substring(third)}) {
                    buffer.writeBytes(b(part));
                    result = scan.satisfied(buffer);
                    if (result != RequestScan.NOT_YET) {
                        break;
                    }
                }
                assertThat(result).as("%s split at %d and %d", input, split, third).isEqualTo(taken);
                buffer.release();
            }
        }
    }

    @Test
    void until() {
        everySplit("hello\r\nworld", () -> new ReadRequest.Until(b("\r\n")), 7);
        everySplit("aab\r\r\r\n", () -> new ReadRequest.Until(b("\r\n")), 7);
        everySplit("abababac", () -> new ReadRequest.Until(b("abac")), 8);
        everySplit("xxENDxxEND", () -> new ReadRequest.Until(b("END")), 5);
        everySplit("no delimiter", () -> new ReadRequest.Until(b("\n")), RequestScan.NOT_YET);
        everySplit("\n", () -> new ReadRequest.Until(b("\n")), 1);
    }

    @Test
    void untilOneOfAndOneNotOf() {
        everySplit("key=value;x", () -> new ReadRequest.UntilOneOf(b(";,")), 10);
        everySplit("abc", () -> new ReadRequest.UntilOneOf(b(";,")), RequestScan.NOT_YET);
        everySplit("   \t x", () -> new ReadRequest.UntilOneNotOf(b(" \t")), 6);
        everySplit("    ", () -> new ReadRequest.UntilOneNotOf(b(" ")), RequestScan.NOT_YET);
        everySplit("\u00ff\u00fe\u0080", () -> new ReadRequest.UntilOneOf(b("\u0080")), 3); // bytes >= 0x80
    }

    /** A request issued again reuses its scan: restarted, it searches the buffer as it is now, from the front. */
    @Test
    void restartedScanSearchesTheNewBuffer() {
        for (ReadRequest request : new ReadRequest[] {new ReadRequest.Until(b("\r\n")),
                new ReadRequest.UntilOneOf(b("\n"))}) {
            RequestScan scan = RequestScan.of(request);
            assertThat(scan.isFor(request)).isTrue();
            assertThat(scan.isFor(new ReadRequest.Until(b("\r\n")))).isFalse();
            ByteBuf buffer = Unpooled.buffer().writeBytes(b("abcdefgh"));
            assertThat(scan.satisfied(buffer)).isEqualTo(RequestScan.NOT_YET); // scanned 8 bytes
            buffer.clear().writeBytes(b("x\r\nyz")); // consumed and refilled: shorter than what was scanned
            scan.restart();
            assertThat(scan.satisfied(buffer)).as("%s", request).isEqualTo(3);
            buffer.release();
        }
    }

    @Test
    void sizes() {
        assertThat(RequestScan.of(new ReadRequest.AtLeast(3)).satisfied(null)).isEqualTo(RequestScan.NOT_YET);
        assertThat(RequestScan.of(new ReadRequest.UpTo(3)).satisfied(null)).isEqualTo(RequestScan.NOT_YET);
        ByteBuf buffer = Unpooled.wrappedBuffer(b("12345"));
        assertThat(RequestScan.of(new ReadRequest.AtLeast(3)).satisfied(buffer)).isEqualTo(5);
        assertThat(RequestScan.of(new ReadRequest.AtLeast(6)).satisfied(buffer)).isEqualTo(RequestScan.NOT_YET);
        assertThat(RequestScan.of(new ReadRequest.UpTo(3)).satisfied(buffer)).isEqualTo(3);
        assertThat(RequestScan.of(new ReadRequest.UpTo(9)).satisfied(buffer)).isEqualTo(5);
        assertThat(RequestScan.of(new ReadRequest.UpTo(9)).limited()).isFalse();
        assertThat(RequestScan.of(new ReadRequest.Until(b("x"))).limited()).isTrue();
    }
}
