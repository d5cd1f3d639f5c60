package dev.c4j.host.director;

import dev.c4j.api.ByteString;

import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.function.Consumer;

/**
 * Cuts received bytes into the messages Director hands a driver (host spec N6, §6): with a delimiter one message
 * per delimiter, the delimiter included (B35); without one each chunk as it was read. What is left when the
 * connection ends is handed over as it is (B40).
 */
final class MessageFramer {

    private final byte[] delimiter; // empty: none
    private byte[] pending = new byte[0];
    private int length;

    MessageFramer(byte[] delimiter) {
        this.delimiter = delimiter.clone();
    }

    /** Adds a chunk ({@code data} is read, not kept) and hands every message it completes to {@code messages}. */
    void add(ByteBuffer data, Consumer<ByteString> messages) {
        if (delimiter.length == 0) {
            messages.accept(ByteString.of(data));
            return;
        }
        int scanFrom = Math.max(0, length - delimiter.length + 1); // a delimiter may straddle two chunks
        append(data);
        int start = 0;
        for (int end = indexOf(scanFrom); end >= 0; end = indexOf(scanFrom)) {
            messages.accept(ByteString.wrap(Arrays.copyOfRange(pending, start, end + delimiter.length)));
            start = end + delimiter.length;
            scanFrom = start;
        }
        if (start > 0) {
            System.arraycopy(pending, start, pending, 0, length - start);
            length -= start;
        }
    }

    /** The connection ended: the bytes of an unfinished message, if any, as one last message. */
    void finish(Consumer<ByteString> messages) {
        if (length > 0) {
            messages.accept(ByteString.wrap(Arrays.copyOf(pending, length)));
            length = 0;
        }
    }

    /** Forgets the unfinished message. */
    void clear() {
        length = 0;
    }

    private void append(ByteBuffer data) {
        int more = data.remaining();
        if (length + more > pending.length) {
            pending = Arrays.copyOf(pending, Math.max(length + more, pending.length * 2));
        }
        data.duplicate().get(pending, length, more);
        length += more;
    }

    /** The index of the first delimiter at or after {@code from}, or -1. */
    private int indexOf(int from) {
        outer:
        for (int i = from; i <= length - delimiter.length; i++) {
            for (int j = 0; j < delimiter.length; j++) {
                if (pending[i + j] != delimiter[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }
}
