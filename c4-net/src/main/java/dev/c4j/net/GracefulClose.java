package dev.c4j.net;

import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.socket.DuplexChannel;
import io.netty.util.concurrent.ScheduledFuture;

import java.util.concurrent.TimeUnit;

/**
 * Ends a connection the driver let go of (teardown, garbage collection) as TCP would: what the driver wrote goes
 * out, then a FIN; what the peer still sends is read and dropped until its own FIN, because closing a socket with
 * unread input makes the kernel answer with a reset, which can destroy data the peer has not read yet. Bounded by
 * {@link #DEADLINE_MILLIS}: a peer that does not read or does not close is cut off then.
 */
final class GracefulClose {

    static final long DEADLINE_MILLIS = 250;

    private GracefulClose() {
    }

    /** On the channel's loop. The channel's handler drops what it reads and closes at EOF once abandoned. */
    static void start(Channel ch) {
        if (!ch.isActive() || !(ch instanceof DuplexChannel duplex)) {
            ch.close();
            return;
        }
        ScheduledFuture<?> deadline = ch.eventLoop().schedule(() -> {
            ch.close();
        }, DEADLINE_MILLIS, TimeUnit.MILLISECONDS);
        ch.closeFuture().addListener(closed -> deadline.cancel(false));
        ch.writeAndFlush(Unpooled.EMPTY_BUFFER).addListener(flushed -> {
            if (!flushed.isSuccess()) {
                ch.close();
                return;
            }
            duplex.shutdownOutput().addListener(shut -> {
                if (!shut.isSuccess() || duplex.isInputShutdown()) {
                    ch.close(); // both directions are over
                    return;
                }
                ch.config().setAutoRead(true);
                ch.read();
            });
        });
    }
}
