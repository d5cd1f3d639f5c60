package dev.c4j.net;

import dev.c4j.api.NetError;
import dev.c4j.api.NetOp;
import dev.c4j.api.TcpClient;
import java.nio.ByteBuffer;

/** Records a client's events. */
final class ClientEvents extends RecordedEvents implements TcpClient.Listener {


    ClientEvents(NetTestBase test) {
        super(test);
    }

    @Override
    public void connected() {
        record("connected");
    }

    @Override
    public void received(ByteBuffer data, Object replacement) {
        byte[] bytes = new byte[data.remaining()];
        data.get(bytes);
        record("read:" + NetTestBase.latin1(bytes) + (replacement != null ? "|" + replacement : ""));
    }

    @Override
    public void written() {
        record("written");
    }

    @Override
    public void disconnected(NetError error) {
        record("disconnected:" + error.code() + ":" + error.message());
    }

    @Override
    public void failed(NetError error, NetOp op) {
        record("failed:" + error.code() + ":" + error.message() + ":" + op.luaName());
    }
}
