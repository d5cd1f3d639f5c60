package dev.c4j.net;

import dev.c4j.api.NetError;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import java.nio.ByteBuffer;

/**
 * The sending half of a {@link NettyTcpClient}: write batches, one flush per loop turn (or per read burst), the
 * count of writes not yet handed to the OS (OnWrite once it drains), and the flushing at a close. The client keeps
 * the connection's state: it hears of completed drains and of write failures. Loop thread only.
 */
final class TcpOutbound {

    /**
     * Writes are copied into batches of this size, each handed to the channel as one message with one promise:
     * a line-by-line driver pays the pipeline, the outbound entry and the promise per batch, not per Write.
     */
    static final int WRITE_BATCH = 4096;

    private final NettyTcpClient owner;
    private final NettyDriverLoop loop;

    private int unsent; // writes not yet handed to the OS
    private ByteBuf batch; // writes not yet handed to the channel, or null
    private int batched; // how many writes the batch holds
    private boolean flushPending;
    private boolean flushPosted;
    private boolean inReadBurst; // inside channelRead .. channelReadComplete: writes are flushed at its end
    private boolean flushingClose;
    private NetError flushError;

    private final Runnable flushOp = this::flushNow;
    private final Runnable flushTask = this::flushTurn;

    TcpOutbound(NettyTcpClient owner, NettyDriverLoop loop) {
        this.owner = owner;
        this.loop = loop;
    }

    /** A new connection begins: nothing unsent, no error of the last one's close. */
    void newConnection() {
        flushError = null;
        unsent = 0;
    }

    /** A new channel is attached. */
    void attached() {
        inReadBurst = false;
        flushPending = false;
        flushingClose = false;
    }

    boolean hasUnsent() {
        return unsent > 0;
    }

    // ---------------------------------------------------------------------------------------------- writing

    /** Copies {@code data} into the batch for {@code ch}; flushed at the end of this read burst or loop turn. */
    void write(Channel ch, ByteBuffer data) {
        int length = data.remaining();
        if (length == 0) {
            return;
        }
        if (batch != null && batch.writableBytes() < length) {
            sendBatch();
        }
        if (batch == null) {
            batch = ch.alloc().directBuffer(Math.max(length, WRITE_BATCH));
        }
        int position = data.position();
        if (data.hasArray()) { // a plain array copy: cheaper than NIO's buffer-to-buffer put
            batch.writeBytes(data.array(), data.arrayOffset() + position, length);
        } else {
            batch.writeBytes(data);
            data.position(position); // the caller's buffer as it was, without a duplicate per write
        }
        batched++;
        unsent++;
        if (!ch.isOpen()) {
            sendBatch(); // the channel fails it at once, as it would an unbatched write
        }
        flushPending = true;
        if (!inReadBurst && !flushPosted) {
            flushPosted = true; // one flush per loop turn, however many writes
            loop.execute(flushTask);
        }
    }

    /** Bytes arrived: writes made until {@link #readBurstEnded} are flushed together then. */
    void readBurstStarted() {
        inReadBurst = true;
    }

    void readBurstEnded() {
        inReadBurst = false;
    }

    /** Flushes what was written during the read burst, if anything. */
    void flushIfPending() {
        if (flushPending) {
            flush();
        }
    }

    private void flushTurn() {
        flushPosted = false;
        flush();
    }

    private void flush() {
        sendPending();
        loop.io(flushOp);
    }

    /** Hands the batch, if any, to the channel (unflushed), in order with the other socket work. */
    void sendPending() {
        if (batch != null) {
            sendBatch();
        }
    }

    private void sendBatch() {
        ByteBuf sending = batch;
        int writes = batched;
        batch = null;
        batched = 0;
        Channel ch = owner.channel();
        loop.io(() -> ch.write(sending).addListener(done -> batchDone((ChannelFuture) done, writes)));
    }

    private void flushNow() {
        Channel ch = owner.channel();
        if (flushPending && ch != null) {
            flushPending = false;
            ch.flush();
        }
    }

    private void batchDone(ChannelFuture future, int writes) {
        if (future.channel() != owner.channel()) {
            return; // an earlier connection
        }
        if (future.isSuccess()) {
            unsent -= writes;
            if (unsent == 0 && owner.isConnected()) {
                owner.fireWritten();
            }
        } else {
            owner.writeFailed(future.cause());
        }
    }

    /** The batch not handed to the channel yet is dropped: never sent, as unflushed writes are not. */
    void drop() {
        if (batch != null) {
            batch.release();
            batch = null;
            batched = 0;
        }
    }

    /** The connection is over. */
    void ended() {
        unsent = 0;
        drop();
        flushingClose = false;
    }

    // ---------------------------------------------------------------------------------------------- closing

    /**
     * The driver closes {@code ch}: with {@code flush} what it wrote goes out first, else it is dropped; then the
     * client {@linkplain NettyTcpClient#closeAndReport closes and reports}, {@link #closeOutcome} telling how.
     */
    void close(Channel ch, boolean flush) {
        flushingClose = flush;
        if (flush) {
            sendPending();
        } else {
            drop();
        }
        loop.io(() -> {
            if (flush) {
                ch.writeAndFlush(Unpooled.EMPTY_BUFFER).addListener(flushed -> {
                    if (!flushed.isSuccess() && flushError == null) {
                        flushError = NetErrors.of(flushed.cause());
                    }
                    owner.closeAndReport(ch);
                });
            } else {
                owner.closeAndReport(ch);
            }
        });
    }

    /** A write failed while closing: during a flushing close the first failure is the close's outcome. */
    void failedWhileClosing(Throwable cause) {
        if (flushingClose && flushError == null) {
            flushError = NetErrors.of(cause);
        }
    }

    /** How the flushing of the close went: {@link NetError#OK} or the first failure. */
    NetError closeOutcome() {
        return flushError != null ? flushError : NetError.OK;
    }

    /** The peer ended its side: what was written goes out, then {@code ch} closes (our FIN). */
    void closeAfterSending(Channel ch) {
        sendPending();
        loop.io(() -> ch.writeAndFlush(Unpooled.EMPTY_BUFFER).addListener(flushed -> ch.close()));
    }
}
