package dev.c4j.net;

import dev.c4j.api.Endpoint;
import dev.c4j.api.NetError;
import dev.c4j.api.NetOp;
import dev.c4j.api.TcpClient;
import dev.c4j.api.TcpServer;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;

/** Records a server's events; accepted clients are kept in order. */
final class ServerEvents extends RecordedEvents implements TcpServer.Listener {

    volatile Endpoint listeningOn;
    final BlockingQueue<TcpClient> accepted = new LinkedBlockingQueue<>();

    ServerEvents(NetTestBase test) {
        super(test);
    }

    @Override
    public void listening(Endpoint endpoint) {
        listeningOn = endpoint;
        record("listening:" + endpoint.ip());
    }

    @Override
    public void accepted(TcpClient client) {
        accepted.add(client);
        record("accepted");
    }

    @Override
    public void failed(NetError error, NetOp op) {
        record("failed:" + error.code() + ":" + error.message() + ":" + op.luaName());
    }
}
