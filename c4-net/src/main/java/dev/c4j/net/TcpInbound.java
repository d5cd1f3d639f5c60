package dev.c4j.net;

import dev.c4j.api.NetError;
import dev.c4j.api.NetOp;
import dev.c4j.api.ReadRequest;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.channel.Channel;
import io.netty.handler.codec.ByteToMessageDecoder;
import java.nio.ByteBuffer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The receiving half of a {@link NettyTcpClient}: the receive buffer, the outstanding read request and its scan,
 * serving the listener from the buffer, the held end of input (EOF or a read error) and the driver's
 * {@link InputBudget}. The client keeps the connection's state; this half asks it whether it is connected and
 * hands it the end of input once a request runs into it. Loop thread only.
 *
 * <p>Reading is on demand: the socket is read while a request is outstanding, or while the buffer holds less than
 * {@link #READ_AHEAD} bytes, and only while the budget has room. The buffer is freed as soon as its bytes are
 * delivered, refused (ENOBUFS) or the connection ends, never left for Lua's collector.
 */
final class TcpInbound implements InputBudget.Holder {

    private static final Logger log = LoggerFactory.getLogger(TcpInbound.class);

    private static final ByteBuffer EMPTY_VIEW = ByteBuffer.allocateDirect(0).asReadOnlyBuffer();

    /** With no request outstanding the socket is read only until the buffer holds this much. */
    static final int READ_AHEAD = 64 * 1024;

    private final NettyTcpClient owner;
    private final NettyDriverLoop loop;
    private final InputBudget budget;

    private ByteBuf buffer; // read from the socket, not delivered yet; null when empty
    private ReadRequest request; // the outstanding request, or null
    private RequestScan scan; // its search state (null for a matcher)
    private boolean servePosted;
    private boolean serving; // inside serveAll: a request issued now is served by its loop, after the callback
    private boolean serveAgain;
    private NetError heldEnd; // EOF (OK) or a read error, not reported yet
    private boolean inMatcher;
    private Boolean closeAfterMatch; // close(flush) called inside a matcher
    private ByteBuffer readView; // read-only view of the memory the buffer lives in (see view)
    private long readViewAddress;
    private int accounted; // bytes of the buffer counted in the budget
    private boolean deliveringAtEof; // inside the last OnRead after the peer's FIN: writes still go out

    private final Runnable readOp = this::readFromSocket;
    private final Runnable serveTask = this::serveTurn;

    TcpInbound(NettyTcpClient owner, NettyDriverLoop loop, InputBudget budget) {
        this.owner = owner;
        this.loop = loop;
        this.budget = budget;
        budget.join(this);
    }

    // ---------------------------------------------------------------------------------------------- requests

    /** False inside a matcher and inside the last read after EOF: no request may be issued there. */
    boolean takesRequests() {
        return !inMatcher && !deliveringAtEof;
    }

    /** Makes {@code newRequest} the outstanding one; with {@code connected} it is served or read for now. */
    void request(ReadRequest newRequest, boolean connected) {
        request = newRequest;
        if (newRequest instanceof ReadRequest.Matching) {
            scan = null;
        } else if (scan != null && scan.isFor(newRequest)) {
            scan.restart(); // the same request again (line after line): no new scan, no delimiter copy
        } else {
            scan = RequestScan.of(newRequest);
        }
        if (connected) {
            if (serving) {
                serveAgain = true; // served once the callback that issued it has returned
            } else if (size() > 0 || heldEnd != null) {
                postServe(); // even a satisfiable request completes on a later turn
            } else {
                ensureReading();
            }
        }
    }

    boolean hasRequest() {
        return request != null;
    }

    /** Inside a matcher a close waits until it returns: true when {@code flush} close was deferred so. */
    boolean deferClose(boolean flush) {
        if (inMatcher) {
            closeAfterMatch = flush;
        }
        return inMatcher;
    }

    // ---------------------------------------------------------------------------------------------- serving

    private void postServe() {
        if (!servePosted) {
            servePosted = true;
            loop.execute(serveTask);
        }
    }

    private void serveTurn() {
        servePosted = false;
        serveAll();
        ensureReading();
    }

    /**
     * Serves the outstanding request, then each request the callbacks issue, while the buffer satisfies them.
     * The hot path: a driver that reads line by line (OnRead issues the next ReadUntil) gets every buffered line
     * in this one pass, each callback after the previous one returned (never inside the Read* call: spec G3),
     * and its writes go out with one flush at the end of the read burst.
     */
    private void serveAll() {
        serving = true;
        try {
            boolean newBytes = true;
            do {
                serveAgain = false;
                serve(newBytes);
                newBytes = true; // each new request: a matcher is consulted on the buffer as it is
            } while (serveAgain && request != null && owner.isConnected() && !owner.isAbandoned());
        } finally {
            serving = false;
        }
    }

    /**
     * Serves the outstanding request from the buffer, or hands the held end behind it to the client.
     * {@code newBytes}: the buffer changed since the matcher last saw it (a matcher is only consulted then).
     */
    private void serve(boolean newBytes) {
        ReadRequest current = request;
        if (current == null || !owner.isConnected()) {
            return;
        }
        if (current instanceof ReadRequest.Matching matching) {
            serveMatcher(matching, newBytes);
            return;
        }
        int take = scan.satisfied(buffer);
        if (take != RequestScan.NOT_YET) {
            request = null;
            deliver(take, null);
        } else if (heldEnd != null) {
            owner.inputOver(heldEnd);
        } else if (scan.limited() && size() > ReadRequest.MAX_UNTIL_BUFFER) {
            overflow();
        }
    }

    private void serveMatcher(ReadRequest.Matching matching, boolean newBytes) {
        if (newBytes && size() > 0) {
            ReadRequest.Match match;
            inMatcher = true;
            try {
                match = matching.matcher().match(buffer.nioBuffer().asReadOnlyBuffer());
            } catch (RuntimeException e) {
                log.warn("read matcher failed; taken as not yet", e);
                match = null;
            } finally {
                inMatcher = false;
            }
            if (closeAfterMatch != null) {
                // close() inside the matcher takes effect now; the match result is dropped with the abandoned read
                boolean flush = closeAfterMatch;
                closeAfterMatch = null;
                owner.close(flush);
                return;
            }
            if (request != matching || !owner.isConnected() || owner.isAbandoned()) {
                return;
            }
            if (match == null) {
                match = ReadRequest.Match.NOT_YET;
            }
            int size = size();
            int consume = match.consume();
            if (match.done()) {
                request = null;
                deliver(consume == ReadRequest.Match.ALL_OR_NOTHING ? size : Math.max(0, Math.min(consume, size)),
                        match.replacement());
                return;
            }
            if (consume > 0) {
                buffer.skipBytes(Math.min(consume, size));
                compact();
            }
        }
        if (heldEnd != null) {
            owner.inputOver(heldEnd);
        } else if (size() > ReadRequest.MAX_UNTIL_BUFFER) {
            overflow();
        }
    }

    /**
     * A delimiter or matcher read found nothing within {@link ReadRequest#MAX_UNTIL_BUFFER} bytes: ENOBUFS, the
     * request ends and the bytes it buffered are dropped (their memory freed at once: a peer must not be able to
     * park megabytes in a driver); the connection stays open and reads on.
     */
    private void overflow() {
        drop();
        owner.fireFailed(NetError.of(NetError.ENOBUFS), NetOp.READ);
    }

    /** Hands the first {@code length} buffered bytes to the listener; the view is valid during the call only. */
    private void deliver(int length, Object replacement) {
        if (length == 0) {
            owner.fireRead(EMPTY_VIEW, replacement);
            compact();
            return;
        }
        ByteBuf held = buffer.retain(); // alive during the call even if the listener closes (releasing the buffer)
        try {
            ByteBuffer data = view(held, held.readerIndex(), length);
            held.skipBytes(length);
            owner.fireRead(data, replacement);
        } finally {
            held.release();
        }
        compact(); // only now: compacting moves bytes the view still shows
    }

    /**
     * A read-only view of {@code length} bytes of {@code buffer} at {@code index}. The hot path delivers many
     * chunks from one receive buffer: one view of its memory, reused while the buffer stays at that address,
     * costs less than two new NIO buffers per chunk.
     */
    private ByteBuffer view(ByteBuf from, int index, int length) {
        if (!from.hasMemoryAddress()) {
            return from.nioBuffer(index, length).asReadOnlyBuffer();
        }
        long address = from.memoryAddress();
        if (readView == null || address != readViewAddress || readView.capacity() != from.capacity()) {
            readView = from.nioBuffer(0, from.capacity()).asReadOnlyBuffer();
            readViewAddress = address;
        }
        readView.clear().position(index).limit(index + length);
        return readView;
    }

    /**
     * The peer sent its FIN: the request ends, and what is buffered goes to the listener as the last, partial
     * read. The driver may still write during that call (a reply to a peer that shut its side).
     */
    void deliverRestAtEof() {
        request = null;
        if (size() > 0) {
            ByteBuf partial = buffer.retainedSlice();
            release();
            deliveringAtEof = true;
            try {
                owner.fireRead(partial.nioBuffer().asReadOnlyBuffer(), null);
            } finally {
                deliveringAtEof = false;
                partial.release();
            }
        }
    }

    // ---------------------------------------------------------------------------------------------- the socket

    /** Bytes read from the socket: buffered, and served when a request waits for them. */
    void received(ByteBuf in, ByteBufAllocator alloc) {
        buffer = buffer == null ? in : ByteToMessageDecoder.MERGE_CUMULATOR.cumulate(alloc, buffer, in);
        account();
        if (request != null && !servePosted) {
            serveAll();
        }
    }

    /** The input ended ({@link NetError#OK}: EOF) or failed; held behind the buffered bytes, the first end kept. */
    void inputEnded(NetError end) {
        if (heldEnd == null) {
            heldEnd = end;
        }
        if (request != null && !servePosted) {
            serve(false);
        }
    }

    /** The held end of input, or null. */
    NetError heldEnd() {
        return heldEnd;
    }

    /** A new connection begins: nothing of the last one's end is held. */
    void newConnection() {
        heldEnd = null;
    }

    void ensureReading() {
        if (owner.isConnected() && heldEnd == null && !owner.isAbandoned()
                && (request != null || size() < READ_AHEAD) && budget.mayRead(this, request != null)) {
            loop.io(readOp);
        }
    }

    private void readFromSocket() {
        Channel ch = owner.channel();
        if (ch != null && ch.isActive()) {
            ch.read();
        }
    }

    // ---------------------------------------------------------------------------------------------- the buffer

    /** Bytes received and not delivered yet. */
    int size() {
        return buffer == null ? 0 : buffer.readableBytes();
    }

    private void compact() {
        if (buffer != null) {
            if (!buffer.isReadable()) {
                release();
            } else {
                buffer.discardSomeReadBytes();
                account();
            }
        }
    }

    /** The request and the buffered bytes are dropped (the connection is closing). */
    void drop() {
        request = null;
        release();
    }

    /** The connection is over: nothing kept, nothing counted, no waiting for room. */
    void ended() {
        drop();
        budget.forget(this);
    }

    private void release() {
        if (buffer != null) {
            buffer.release();
            buffer = null;
        }
        account();
    }

    // ---------------------------------------------------------------------------------------------- the budget

    @Override
    public int unsatisfiedBytes() {
        return request != null && owner.isConnected() ? size() : 0;
    }

    /** The driver's budget is full and this connection holds the most: as {@link #overflow}, reported later. */
    @Override
    public void refuse() {
        drop();
        loop.execute(() -> {
            if (owner.isConnected()) {
                owner.fireFailed(NetError.of(NetError.ENOBUFS), NetOp.READ);
            }
        });
    }

    @Override
    public void roomMade() {
        ensureReading();
    }

    /** Brings the budget up to date with what the buffer holds now. */
    private void account() {
        int size = size();
        if (size != accounted) {
            int delta = size - accounted;
            accounted = size;
            budget.changed(delta);
        }
    }
}
