package dev.c4j.net;

import dev.c4j.api.Endpoint;
import dev.c4j.api.EndpointChoice;
import dev.c4j.api.NetError;
import dev.c4j.api.NetOp;
import dev.c4j.api.TcpClient;
import java.nio.ByteBuffer;
import java.util.List;

/** Records a client's events; picks the default endpoint unless told to hold the choice. */
final class ClientEvents extends RecordedEvents implements TcpClient.Listener {

    volatile boolean holdChoice;
    volatile EndpointChoice choice;

    ClientEvents(NetTestBase test) {
        super(test);
    }

    @Override
    public void resolved(List<Endpoint> endpoints, EndpointChoice choice) {
        this.choice = choice;
        record("resolved:" + endpoints);
        if (!holdChoice) {
            choice.chooseDefault();
        }
    }

    @Override
    public void connected() {
        record("connected");
    }

    @Override
    public void read(ByteBuffer data, Object replacement) {
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
