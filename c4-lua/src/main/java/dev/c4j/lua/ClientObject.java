package dev.c4j.lua;

import dev.c4j.api.Endpoint;
import dev.c4j.api.EndpointChoice;
import dev.c4j.api.NetError;
import dev.c4j.api.NetOp;
import dev.c4j.api.ReadRequest;
import dev.c4j.api.TcpClient;
import dev.c4j.lua.spi.Collectable;
import dev.c4j.lua.spi.LuaType;
import dev.c4j.lua.spi.LuaValueRef;

import java.nio.ByteBuffer;
import java.util.List;

/**
 * A {@code C4LuaTcpClient}: the Lua face of a {@link TcpClient}, made by {@code C4:CreateTCPClient()} or for a
 * connection a server accepted (spec section 3).
 */
final class ClientObject extends LuaPeer implements TcpClient.Listener, Collectable {

    static final String TYPE = "C4LuaTcpClient";

    private static final int ON_RESOLVE = 0;
    private static final int ON_CONNECT = 1;
    private static final int ON_READ = 2;
    private static final int ON_WRITE = 3;
    private static final int ON_DISCONNECT = 4;
    private static final int ON_ERROR = 5;

    static final Methods<ClientObject> METHODS = new Methods<>(ClientObject.class, TYPE)
            .lateInitMethod("Connect", ClientObject::connect)
            .method("Write", ClientObject::write)
            .lateInitMethod("ReadAtLeast", ClientObject::readAtLeast)
            .lateInitMethod("ReadUpTo", ClientObject::readUpTo)
            .lateInitMethod("ReadUntil", ClientObject::readUntil)
            .lateInitMethod("ReadUntilOneOf", (self, args) -> self.readUntilSet(args, true))
            .lateInitMethod("ReadUntilOneNotOf", (self, args) -> self.readUntilSet(args, false))
            .lateInitMethod("Close", ClientObject::close)
            .lateInitMethod("GetLocalAddress", (self, args) -> self.client.localAddress())
            .lateInitMethod("GetRemoteAddress", (self, args) -> self.client.remoteAddress())
            .lateInitMethod("Option", (self, args) -> self.option(args, self.client::option))
            .handler("OnResolve", ON_RESOLVE)
            .handler("OnConnect", ON_CONNECT)
            .handler("OnRead", ON_READ)
            .handler("OnWrite", ON_WRITE)
            .handler("OnDisconnect", ON_DISCONNECT)
            .handler("OnError", ON_ERROR);

    private final TcpClient client;
    private LuaMatcher matcher; // the function of the outstanding ReadUntil(fn), if that is the request
    private ReadRequest.Until lastUntil; // reissued while the delimiter stays the same: no copy, no new scan

    ClientObject(DriverContext ctx, TcpClient client) {
        super(ctx);
        this.client = client;
        attach(ctx.clientType);
        client.setListener(this);
    }

    // ---- methods (spec 3.1) -------------------------------------------------------------------------------------

    private Object connect(Args args) {
        String host = args.checkString(1);
        String service = service(args, 2);
        boolean started = client.connect(host, service);
        ctx.touch(this);
        return started ? object : null;
    }

    private Object write(Args args) {
        ByteBuffer data = args.checkBytes(1);
        boolean queued = client.write(data);
        ctx.touch(this);
        return queued ? object : null;
    }

    private Object readAtLeast(Args args) {
        long min = Args.truncate(args.checkNumber(1));
        if (min < 1 || min > ReadRequest.MAX_AT_LEAST) {
            return null;
        }
        return read(new ReadRequest.AtLeast((int) min), null);
    }

    private Object readUpTo(Args args) {
        long max = Args.truncate(args.checkNumber(1));
        if (max < 1 || max > ReadRequest.MAX_UP_TO) {
            return null;
        }
        return read(new ReadRequest.UpTo((int) max), null);
    }

    /** {@code ReadUntil(delimiter)} or {@code ReadUntil(fn)} (spec 3.5). */
    private Object readUntil(Args args) {
        if (args.type(1) == LuaType.FUNCTION) {
            LuaMatcher fn = new LuaMatcher(ctx, args.frame().ref(args.index(1)));
            return read(new ReadRequest.Matching(fn), fn);
        }
        ByteBuffer delimiter = args.frame().toBytes(args.index(1));
        if (delimiter == null) {
            throw args.typeError(1, "string or function");
        }
        if (!delimiter.hasRemaining()) { // CHOICE (A41)
            return null;
        }
        ReadRequest.Until until = lastUntil;
        if (until == null || !Args.equal(delimiter, until.delimiter())) {
            until = lastUntil = new ReadRequest.Until(Args.copy(delimiter));
        }
        return read(until, null);
    }

    private Object readUntilSet(Args args, boolean oneOf) {
        ByteBuffer set = args.checkBytes(1);
        if (!set.hasRemaining()) {
            return null;
        }
        byte[] bytes = Args.copy(set);
        return read(oneOf ? new ReadRequest.UntilOneOf(bytes) : new ReadRequest.UntilOneNotOf(bytes), null);
    }

    /** Issues a request (replacing any outstanding one); nil when refused, e.g. from inside a matcher. */
    private Object read(ReadRequest request, LuaMatcher newMatcher) {
        boolean issued = client.read(request);
        ctx.touch(this);
        if (!issued) {
            if (newMatcher != null) {
                newMatcher.release();
            }
            return null;
        }
        releaseMatcher(); // the request it served was replaced
        matcher = newMatcher;
        return object;
    }

    private Object close(Args args) {
        client.close(args.toBoolean(1));
        releaseMatcher();
        ctx.touch(this);
        return object;
    }

    private void releaseMatcher() {
        if (matcher != null) {
            matcher.release();
            matcher = null;
        }
    }

    @Override
    boolean busy() {
        return client.isPending();
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
    public void connected() {
        ctx.invoke(this, ON_CONNECT);
    }

    @Override
    public void received(ByteBuffer data, Object replacement) {
        releaseMatcher(); // its request is finished; OnRead may issue the next one
        try {
            ctx.invoke(this, ON_READ, replacement != null ? replacement : data);
        } finally {
            if (replacement instanceof LuaValueRef ref) {
                ref.release();
            }
        }
    }

    @Override
    public void written() {
        ctx.invoke(this, ON_WRITE);
    }

    @Override
    public void disconnected(NetError error) {
        releaseMatcher();
        ctx.invoke(this, ON_DISCONNECT, error.code(), error.message());
    }

    @Override
    public void failed(NetError error, NetOp op) {
        if (op == NetOp.READ) {
            releaseMatcher();
        }
        ctx.invoke(this, ON_ERROR, error.code(), error.message(), op.luaName());
    }

    /** Lua dropped the client while nothing was pending: close the socket, silently. */
    @Override
    public void collected() {
        client.abandon();
        releaseMatcher();
    }
}
