package dev.c4j.lua;

import dev.c4j.api.TcpOption;
import dev.c4j.lua.spi.LuaObject;
import dev.c4j.lua.spi.LuaType;
import dev.c4j.lua.spi.ObjectType;

/**
 * The Java side of one of our Lua objects (server, client, timer). Lifetime (spec section 5): the object is
 * pinned, so alive even when Lua no longer references it, exactly while {@link #busy()}; otherwise Lua's
 * collector decides, and a collected socket is abandoned without callbacks.
 */
abstract class LuaPeer {

    final DriverContext ctx;
    LuaObject object;
    boolean touched; // in the context's list of objects to settle

    LuaPeer(DriverContext ctx) {
        this.ctx = ctx;
    }

    /** Creates the userdata: call once, at the end of the subclass constructor. */
    final void attach(ObjectType type) {
        object = ctx.state().newObject(type, this);
        ctx.touch(this); // held until the call that created it returns
    }

    /** True while something is pending that must keep the object alive. */
    abstract boolean busy();

    /** The name of handler {@code slot} as drivers set it ({@code "OnRead"}), for messages. */
    abstract String handlerName(int slot);

    final void settle() {
        if (busy()) {
            object.pin();
        } else {
            object.unpin();
        }
    }

    /** A socket's {@code Option(name, value[, extra])}: self, or nil for an unknown name or missing extra. */
    final Object option(Args args, OptionSink sink) {
        String name = args.checkString(1);
        boolean on = args.checkBoolean(2);
        Double extra = args.optNumber(3);
        TcpOption option = optionNamed(name);
        if (option == null) {
            return null;
        }
        int seconds = 0;
        if (option.needsExtra()) {
            if (extra == null) {
                return null;
            }
            long whole = Args.truncate(extra);
            if (whole < 0 || whole > Integer.MAX_VALUE) { // CHOICE: a negative linger time is a bad value
                return null;
            }
            seconds = (int) whole;
        }
        boolean applied = sink.set(option, on, seconds);
        ctx.touch(this);
        return applied ? object : null;
    }

    private static TcpOption optionNamed(String name) {
        for (TcpOption option : TcpOption.values()) {
            if (option.luaName().equals(name)) {
                return option;
            }
        }
        return null;
    }

    /** {@code TcpServer::option} and {@code TcpClient::option}. */
    @FunctionalInterface
    interface OptionSink {
        boolean set(TcpOption option, boolean on, int seconds);
    }

    /**
     * A {@code service} argument (port number or service name) as c4-net takes it: numbers truncated to whole
     * ports, strings as they are (numeric strings are ports there). NaN is out of range, like any number that is no
     * port (truncated, it would read as 0: any free port).
     */
    static String service(Args args, int n) {
        if (args.type(n) == LuaType.NUMBER) {
            double port = args.checkNumber(n);
            return Double.isNaN(port) ? NOT_A_PORT : Long.toString(Args.truncate(port));
        }
        return args.checkString(n);
    }

    /** A number c4-net refuses as a port. */
    private static final String NOT_A_PORT = "-1";
}
