package dev.c4j.bench;

import io.netty.bootstrap.Bootstrap;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.socket.SocketChannel;
import io.netty.handler.codec.LineBasedFrameDecoder;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;

/**
 * A closed-loop line load on 127.0.0.1: {@code connections} clients each keep {@code depth} lines in flight,
 * sending one more line for each echoed line. Bounded in time by the caller; counts echoed lines.
 */
final class LineLoad implements AutoCloseable {

    private final MultiThreadIoEventLoopGroup group = Transports.group(1);
    private final List<Channel> channels = new ArrayList<>();
    private final LongAdder echoed = new LongAdder();
    private final ByteBuf line;
    private volatile boolean running = true;

    LineLoad(int port, int connections, int depth, int lineBytes) throws InterruptedException {
        byte[] bytes = new byte[lineBytes];
        for (int i = 0; i < lineBytes - 1; i++) {
            bytes[i] = (byte) ('a' + i % 26);
        }
        bytes[lineBytes - 1] = '\n';
        line = Unpooled.unreleasableBuffer(Unpooled.directBuffer(lineBytes).writeBytes(bytes).asReadOnly());
        Bootstrap bootstrap = new Bootstrap()
                .group(group)
                .channel(Transports.clientChannel())
                .handler(new ChannelInitializer<SocketChannel>() {
                    @Override
                    protected void initChannel(SocketChannel ch) {
                        ch.pipeline().addLast(new LineBasedFrameDecoder(64 * 1024),
                                new SimpleChannelInboundHandler<ByteBuf>() {
                                    @Override
                                    public void channelActive(ChannelHandlerContext ctx) {
                                        for (int i = 0; i < depth; i++) {
                                            ctx.write(line.duplicate());
                                        }
                                        ctx.flush();
                                    }

                                    @Override
                                    protected void channelRead0(ChannelHandlerContext ctx, ByteBuf msg) {
                                        echoed.increment();
                                        if (running) {
                                            ctx.write(line.duplicate());
                                        }
                                    }

                                    @Override
                                    public void channelReadComplete(ChannelHandlerContext ctx) {
                                        ctx.flush();
                                    }
                                });
                    }
                });
        for (int i = 0; i < connections; i++) {
            channels.add(bootstrap.connect("127.0.0.1", port).sync().channel());
        }
    }

    /** Lines echoed so far. */
    long echoed() {
        return echoed.sum();
    }

    /** Echoed lines per second over {@code seconds}, after {@code warmupSeconds}. */
    double measure(int warmupSeconds, int seconds) throws InterruptedException {
        TimeUnit.SECONDS.sleep(warmupSeconds);
        long start = echoed();
        long t0 = System.nanoTime();
        TimeUnit.SECONDS.sleep(seconds);
        long count = echoed() - start;
        return count / ((System.nanoTime() - t0) / 1e9);
    }

    @Override
    public void close() {
        running = false;
        for (Channel ch : channels) {
            ch.close().syncUninterruptibly();
        }
        group.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
    }

    static String describe(int connections, int depth, int lineBytes) {
        return connections + " connections x " + depth + " lines in flight, " + lineBytes + "-byte lines";
    }

    static byte[] ascii(String s) {
        return s.getBytes(StandardCharsets.US_ASCII);
    }
}
