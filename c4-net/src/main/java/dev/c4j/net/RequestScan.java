package dev.c4j.net;

import dev.c4j.api.ReadRequest;
import io.netty.buffer.ByteBuf;
import io.netty.util.ByteProcessor;

/**
 * Decides whether a read request (other than a matcher) is satisfied by the receive buffer, and how many bytes it
 * takes. The delimiter searches are incremental: they remember how far the buffer was scanned and resume there
 * (a delimiter that straddles two reads is found by rescanning only its length - 1 last bytes).
 */
abstract class RequestScan {

    /** Returned by {@link #satisfied} while the request is not satisfied. */
    static final int NOT_YET = -1;

    private ReadRequest request; // the request this scan serves

    /** Bytes the request takes from the front of {@code buffer} (null = empty), or {@link #NOT_YET}. */
    abstract int satisfied(ByteBuf buffer);

    /** True for the delimiter reads, whose buffer is limited to {@link ReadRequest#MAX_UNTIL_BUFFER}. */
    boolean limited() {
        return true;
    }

    /** True if this scan was made for this very request object. */
    boolean isFor(ReadRequest candidate) {
        return request == candidate;
    }

    /** Forgets how far the buffer was scanned: the request is issued again. */
    void restart() {
    }

    static RequestScan of(ReadRequest request) {
        RequestScan scan = create(request);
        scan.request = request;
        return scan;
    }

    private static RequestScan create(ReadRequest request) {
        if (request instanceof ReadRequest.AtLeast atLeast) {
            return new AtLeast(atLeast.min());
        }
        if (request instanceof ReadRequest.UpTo upTo) {
            return new UpTo(upTo.max());
        }
        if (request instanceof ReadRequest.Until until) {
            return new Until(until.delimiter());
        }
        if (request instanceof ReadRequest.UntilOneOf oneOf) {
            return new ByteSet(oneOf.set(), true);
        }
        if (request instanceof ReadRequest.UntilOneNotOf oneNotOf) {
            return new ByteSet(oneNotOf.set(), false);
        }
        throw new IllegalArgumentException("no scan for " + request);
    }

    private static int size(ByteBuf buffer) {
        return buffer == null ? 0 : buffer.readableBytes();
    }

    private static final class AtLeast extends RequestScan {
        private final int min;

        AtLeast(int min) {
            this.min = min;
        }

        @Override
        int satisfied(ByteBuf buffer) {
            int size = size(buffer);
            return size >= min ? size : NOT_YET;
        }

        @Override
        boolean limited() {
            return false;
        }
    }

    private static final class UpTo extends RequestScan {
        private final int max;

        UpTo(int max) {
            this.max = max;
        }

        @Override
        int satisfied(ByteBuf buffer) {
            int size = size(buffer);
            return size >= 1 ? Math.min(size, max) : NOT_YET;
        }

        @Override
        boolean limited() {
            return false;
        }
    }

    private static final class Until extends RequestScan {
        private final byte[] delimiter;
        private int scanned; // no occurrence ends within the first `scanned` readable bytes

        Until(byte[] delimiter) {
            this.delimiter = delimiter.clone();
        }

        @Override
        void restart() {
            scanned = 0;
        }

        @Override
        int satisfied(ByteBuf buffer) {
            int size = size(buffer);
            int length = delimiter.length;
            int from = Math.max(0, scanned - (length - 1));
            int lastStart = size - length;
            int base = size == 0 ? 0 : buffer.readerIndex();
            while (from <= lastStart) {
                int at = buffer.indexOf(base + from, base + lastStart + 1, delimiter[0]);
                if (at < 0) {
                    break;
                }
                if (matchesAt(buffer, at)) {
                    return at - base + length;
                }
                from = at - base + 1;
            }
            scanned = size;
            return NOT_YET;
        }

        private boolean matchesAt(ByteBuf buffer, int index) {
            for (int i = 1; i < delimiter.length; i++) {
                if (buffer.getByte(index + i) != delimiter[i]) {
                    return false;
                }
            }
            return true;
        }
    }

    /** {@code UntilOneOf} (stops at a byte in the set) and {@code UntilOneNotOf} (stops at a byte not in it). */
    private static final class ByteSet extends RequestScan implements ByteProcessor {
        private final boolean[] inSet = new boolean[256];
        private final boolean stopInSet;
        private int scanned;

        ByteSet(byte[] set, boolean stopInSet) {
            for (byte b : set) {
                inSet[b & 0xff] = true;
            }
            this.stopInSet = stopInSet;
        }

        @Override
        public boolean process(byte value) {
            return inSet[value & 0xff] != stopInSet; // true = keep going
        }

        @Override
        void restart() {
            scanned = 0;
        }

        @Override
        int satisfied(ByteBuf buffer) {
            int size = size(buffer);
            if (scanned < size) {
                int base = buffer.readerIndex();
                int at = buffer.forEachByte(base + scanned, size - scanned, this);
                if (at >= 0) {
                    return at - base + 1;
                }
            }
            scanned = size;
            return NOT_YET;
        }
    }
}
