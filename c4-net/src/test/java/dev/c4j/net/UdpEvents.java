package dev.c4j.net;

import dev.c4j.api.Endpoint;
import dev.c4j.api.NetError;
import dev.c4j.api.NetOp;
import dev.c4j.api.UdpSocket;
import java.nio.ByteBuffer;

/** Records a UDP socket's events: "opened:PORT", "received:DATA|IP:PORT", "failed:CODE:op". */
final class UdpEvents extends RecordedEvents implements UdpSocket.Listener {

    volatile Endpoint local;

    UdpEvents(NetTestBase test) {
        super(test);
    }

    @Override
    public void opened(Endpoint endpoint) {
        local = endpoint;
        record("opened");
    }

    @Override
    public void received(ByteBuffer datagram, Endpoint sender) {
        byte[] bytes = new byte[datagram.remaining()];
        datagram.get(bytes);
        record("received:" + NetTestBase.latin1(bytes) + "|" + sender);
    }

    @Override
    public void failed(NetError error, NetOp op) {
        record("failed:" + error.code() + ":" + op.luaName());
    }
}
