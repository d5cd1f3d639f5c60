package dev.c4j.net;

import dev.c4j.api.NetError;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import java.net.SocketAddress;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * Registers a fresh channel on the driver's loop and binds or connects it. On the loop's own thread registering and
 * binding complete at once, so the legacy calls that must answer synchronously ({@code C4:CreateServer}, host spec
 * §6) learn the outcome before they return; elsewhere the outcome comes later.
 */
final class LoopBinder {

    private LoopBinder() {
    }

    /**
     * Binds {@code ch} to {@code address}: the outcome ({@link NetError#OK} or the error; the channel is then
     * closed) when it is known at once, else null and {@code later} hears it (null: bound) on the loop.
     */
    static NetError bindNow(NettyDriverLoop loop, Channel ch, SocketAddress address, Consumer<Throwable> later) {
        if (!loop.inLoop()) { // a LuaJ coroutine stands in for the loop: bind once the loop runs again
            bindLater(loop, ch, address, later);
            return null;
        }
        ChannelFuture registered = loop.eventLoop().register(ch);
        if (!registered.isDone()) {
            bindAfter(registered, ch, address, later);
            return null;
        }
        ChannelFuture bound = registered.isSuccess() ? ch.bind(address) : registered;
        if (!bound.isDone()) {
            bound.addListener(done -> later.accept(done.cause()));
            return null;
        }
        if (!bound.isSuccess()) {
            ch.close();
            return NetErrors.of(bound.cause());
        }
        return NetError.OK;
    }

    /** Registers and binds {@code ch} in order with the other socket work; {@code outcome} hears how it went. */
    static void bindLater(NettyDriverLoop loop, Channel ch, SocketAddress address, Consumer<Throwable> outcome) {
        loop.io(() -> bindAfter(loop.eventLoop().register(ch), ch, address, outcome));
    }

    /** Registers and connects {@code ch} in order with the other socket work; {@code outcome} hears how it went. */
    static void connectLater(NettyDriverLoop loop, Channel ch, SocketAddress address, Consumer<Throwable> outcome) {
        loop.io(() -> after(loop.eventLoop().register(ch), () -> ch.connect(address), outcome));
    }

    private static void bindAfter(ChannelFuture registered, Channel ch, SocketAddress address,
                                  Consumer<Throwable> outcome) {
        after(registered, () -> ch.bind(address), outcome);
    }

    /** Once {@code registered} succeeded, {@code next}; {@code outcome} hears the first failure, or null. */
    private static void after(ChannelFuture registered, Supplier<ChannelFuture> next, Consumer<Throwable> outcome) {
        registered.addListener(done -> {
            if (done.isSuccess()) {
                next.get().addListener(step -> outcome.accept(step.cause()));
            } else {
                outcome.accept(done.cause());
            }
        });
    }
}
