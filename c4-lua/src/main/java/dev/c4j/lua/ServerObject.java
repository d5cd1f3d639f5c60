package dev.c4j.lua;

import dev.c4j.api.Endpoint;
import dev.c4j.api.EndpointChoice;
import dev.c4j.api.NetError;
import dev.c4j.api.NetOp;
import dev.c4j.api.TcpClient;
import dev.c4j.api.TcpServer;
import dev.c4j.lua.spi.Collectable;

import java.util.List;

/** A {@code C4LuaTcpServer}: the Lua face of a {@link TcpServer} (spec section 2). */
final class ServerObject extends LuaPeer implements TcpServer.Listener, Collectable {

    static final String TYPE = "C4LuaTcpServer";

    private static final int ON_RESOLVE = 0;
    private static final int ON_LISTEN = 1;
    private static final int ON_ACCEPT = 2;
    private static final int ON_ERROR = 3;

    static final Methods<ServerObject> METHODS = new Methods<>(ServerObject.class, TYPE)
            .lateInitMethod("Listen", ServerObject::listen)
            .lateInitMethod("Close", (self, args) -> self.close())
            .lateInitMethod("GetLocalAddress", (self, args) -> self.server.localAddress())
            .lateInitMethod("Option", (self, args) -> self.option(args, self.server::option))
            .handler("OnResolve", ON_RESOLVE)
            .handler("OnListen", ON_LISTEN)
            .handler("OnAccept", ON_ACCEPT)
            .handler("OnError", ON_ERROR);

    private final TcpServer server;

    ServerObject(DriverContext ctx, TcpServer server) {
        super(ctx);
        this.server = server;
        attach(ctx.serverType);
        server.setListener(this);
    }

    // ---- methods (spec 2.1) -------------------------------------------------------------------------------------

    private Object listen(Args args) {
        String host = args.checkString(1);
        String service = service(args, 2);
        Double backlogArg = args.optNumber(3);
        int backlog = 0; // the OS maximum
        if (backlogArg != null) {
            long whole = Args.truncate(backlogArg);
            if (whole < 1) {
                return null;
            }
            backlog = (int) Math.min(whole, Integer.MAX_VALUE);
        }
        boolean started = server.listen(host, service, backlog);
        ctx.touch(this);
        return started ? object : null;
    }

    private Object close() {
        server.close();
        ctx.touch(this);
        return object;
    }

    @Override
    boolean busy() {
        return server.isPending();
    }

    @Override
    String handlerName(int slot) {
        return METHODS.handlerName(slot);
    }

    // ---- events ---------------------------------------------------------------------------------------------------

    @Override
    public void resolved(List<Endpoint> endpoints, EndpointChoice choice) {
        ctx.enter(this);
        try {
            EndpointChooser.resolved(this, ON_RESOLVE, endpoints, choice);
        } finally {
            ctx.exit();
        }
    }

    @Override
    public void listening(Endpoint endpoint) {
        ctx.invoke(this, ON_LISTEN, endpoint);
    }

    @Override
    public void accepted(TcpClient client) {
        ctx.enter(this);
        try {
            if (!object.hasHandler(ON_ACCEPT)) { // CHOICE (A36): nobody takes it, so it is closed at once
                client.abandon();
                return;
            }
            ClientObject accepted = new ClientObject(ctx, client);
            ctx.invoke(this, ON_ACCEPT, accepted.object);
        } finally {
            ctx.exit();
        }
    }

    @Override
    public void failed(NetError error, NetOp op) {
        ctx.invoke(this, ON_ERROR, error.code(), error.message(), op.luaName());
    }

    /** Lua dropped the server: stop listening, silently. Its accepted clients live on. */
    @Override
    public void collected() {
        server.abandon();
    }
}
