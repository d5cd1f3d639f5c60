package dev.c4j.lua;

import dev.c4j.api.http.HttpError;
import dev.c4j.api.http.HttpHeader;
import dev.c4j.api.http.HttpRequest;
import dev.c4j.api.http.HttpResponseHead;
import dev.c4j.api.http.HttpTransfer;
import dev.c4j.lua.spi.LuaType;
import dev.c4j.lua.spi.LuaValueRef;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;

/**
 * A {@code C4:url()} transfer object (host spec 5.1-5.3): options and callbacks, then one request. A running
 * transfer keeps the object alive (the vendor template never stores it); an idle one is Lua's to collect.
 */
final class UrlObject extends LuaPeer implements HttpTransfer.Listener, UrlApi.Running {

    static final String TYPE = "C4LuaUrl";

    private static final int ON_HEADERS = 0;
    private static final int ON_BODY_CHUNK = 1;
    private static final int ON_BODY = 2;
    private static final int ON_DONE = 3;

    /** The transfer methods warn at init time themselves (in {@link #start}): only a call that starts one counts. */
    static final Methods<UrlObject> METHODS = new Methods<>(UrlObject.class, TYPE)
            .method("Get", (self, args) -> self.start(args, "GET", url(args), null, UrlApi.headers(args, 2)))
            .method("Post", (self, args) -> self.start(args, "POST", url(args), body(args, 2), UrlApi.headers(args, 3)))
            .method("Put", (self, args) -> self.start(args, "PUT", url(args), body(args, 2), UrlApi.headers(args, 3)))
            .method("Delete", (self, args) -> {
                // Delete(url[, headers]) or Delete(url, data[, headers]) (B27): a string second is the body
                boolean withBody = args.type(2) == LuaType.STRING || args.type(2) == LuaType.NUMBER;
                byte[] body = withBody ? body(args, 2) : null;
                return self.start(args, "DELETE", url(args), body, UrlApi.headers(args, withBody ? 3 : 2));
            })
            .method("Custom", (self, args) -> {
                String method = args.checkString(2);
                byte[] body = args.isNoneOrNil(3) ? null : body(args, 3);
                return self.start(args, method, url(args), body, UrlApi.headers(args, 4));
            })
            .method("SetOption", UrlObject::setOption)
            .method("SetOptions", UrlObject::setOptions)
            .handler("OnHeaders", ON_HEADERS, UrlObject::beforeStart)
            .handler("OnBodyChunk", ON_BODY_CHUNK, UrlObject::beforeStart)
            .handler("OnBody", ON_BODY, UrlObject::beforeStart)
            .handler("OnDone", ON_DONE, UrlObject::beforeStart)
            .method("Cancel", (self, args) -> {
                if (self.transfer != null && self.transfer.isRunning()) {
                    self.api.ended(self.ticket);
                    self.cancel();
                }
                return self.object;
            })
            .method("TicketId", (self, args) -> self.busy() ? self.ticket : 0);

    private final UrlApi api;
    private final UrlOptions options = new UrlOptions();
    private boolean started;
    private HttpTransfer transfer;
    private long ticket;
    private final List<LuaValueRef> responses = new ArrayList<>();

    @Override
    String handlerName(int slot) {
        return METHODS.handlerName(slot);
    }

    UrlObject(UrlApi api) {
        super(api.ctx);
        this.api = api;
        attach(api.urlType);
    }

    private static String url(Args args) {
        return UrlApi.latin1(args.checkBytes(1));
    }

    private static byte[] body(Args args, int n) {
        return Args.copy(args.checkBytes(n));
    }

    /** Options and callbacks are set before the start (host spec 5.1): nil after it. */
    private boolean beforeStart() {
        return !started;
    }

    private Object setOption(Args args) {
        String name = args.checkString(1);
        if (started) {
            return null;
        }
        String problem = options.set(name, args.frame().toValue(args.index(2)));
        if (problem != null && problem.startsWith("unknown")) {
            api.warn("HTTP option '" + name + "' ignored: " + problem);
        } else if (problem != null) {
            throw args.error(2, problem);
        }
        return object;
    }

    private Object setOptions(Args args) {
        if (args.type(1) != LuaType.TABLE) {
            throw args.typeError(1, "table");
        }
        if (started) {
            return null;
        }
        api.setOptions(options, args.frame().toValue(args.index(1)));
        return object;
    }

    /** Starts the one transfer of this object: self, or nil when it started before. */
    private Object start(Args args, String method, String url, byte[] body, List<HttpHeader> headers) {
        if (started) {
            return null;
        }
        ctx.checkInitTime(args.name());
        started = true;
        HttpRequest request = new HttpRequest(method, url, headers, body, options.build(ctx, api.defaultTimeout()),
                object.hasHandler(ON_BODY_CHUNK));
        ticket = api.started(this);
        transfer = api.http().start(request, this);
        ctx.touch(this);
        return object;
    }

    /** {@code Cancel()} or {@code urlCancel(ticket)}: no callback follows (B30). */
    @Override
    public void cancel() {
        transfer.cancel();
        releaseResponses();
        ctx.touch(this);
    }

    @Override
    boolean busy() {
        return transfer != null && transfer.isRunning();
    }

    // ---- the transfer's events (host spec 5.3) --------------------------------------------------------------------

    @Override
    public boolean headers(HttpResponseHead head) {
        LuaValueRef response = api.responses.create(head, options.headerDuplicates());
        responses.add(response);
        return callback(ON_HEADERS, response);
    }

    @Override
    public boolean bodyChunk(ByteBuffer chunk) {
        return callback(ON_BODY_CHUNK, current(), chunk);
    }

    @Override
    public boolean body(byte[] collected) {
        if (collected != null) {
            api.responses.setBody(current(), collected);
        }
        return callback(ON_BODY, current());
    }

    @Override
    public void done(HttpError result) {
        api.ended(ticket);
        try {
            ctx.invoke(this, ON_DONE, new ArrayList<Object>(responses), result.code(), result.message());
        } finally {
            releaseResponses();
        }
    }

    private LuaValueRef current() {
        return responses.get(responses.size() - 1);
    }

    /** Calls a callback; {@code true} returned aborts the transfer (an error counts as nil: G7). */
    private boolean callback(int slot, Object... args) {
        if (!object.hasHandler(slot)) {
            return false;
        }
        Object[] results = ctx.invokeForResults(this, slot, 1, args);
        if (results == null || results.length == 0) {
            return false;
        }
        if (results[0] instanceof LuaValueRef ref) {
            ref.release();
            return false;
        }
        return Boolean.TRUE.equals(results[0]);
    }

    private void releaseResponses() {
        responses.forEach(LuaValueRef::release);
        responses.clear();
    }
}
