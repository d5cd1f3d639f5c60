package dev.c4j.net;

import io.netty.channel.Channel;

/** A socket object of a driver that teardown closes silently. */
interface Abandonable {

    /**
     * Closes silently, on the loop (see {@link dev.c4j.api.TcpClient#abandon}); returns the channel it closed, or
     * null, so that teardown can wait for it to leave the loop.
     */
    Channel abandonOnLoop();
}
