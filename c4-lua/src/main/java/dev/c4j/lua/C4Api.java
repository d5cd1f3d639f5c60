package dev.c4j.lua;

import dev.c4j.api.DriverClock;
import dev.c4j.api.host.SystemEvents;
import dev.c4j.lua.spi.LuaException;
import dev.c4j.lua.spi.LuaFunction;
import dev.c4j.lua.spi.LuaState;
import dev.c4j.lua.spi.LuaSyntaxException;
import dev.c4j.lua.spi.LuaType;
import dev.c4j.lua.spi.LuaValueRef;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.util.HashMap;
import java.util.Map;

/**
 * Installs what a driver sees in a fresh state: the object types, the {@code C4} table with its helper families,
 * {@code c4json}, {@code tohex}, and the engine-neutral Lua prelude ({@code print}, {@code hexdump}, {@code bit},
 * lpack's {@code string.pack}/{@code string.unpack}, the sandbox belt and braces).
 */
final class C4Api {

    private static final byte[] PRELUDE = resource("prelude.lua");

    private C4Api() {
    }

    static void install(DriverContext ctx) {
        LuaState state = ctx.state();
        ctx.serverType = state.defineType(ServerObject.TYPE, ServerObject.METHODS.functions());
        ctx.clientType = state.defineType(ClientObject.TYPE, ClientObject.METHODS.functions());
        ctx.timerType = state.defineType(TimerObject.TYPE, TimerObject.METHODS.functions());
        Map<String, LuaFunction> c4 = c4Table(ctx);
        UrlApi.register(c4, ctx);
        if (ctx.device() != null) {
            DirectorFunctions.register(c4, ctx, ctx.device());
            BindingFunctions.register(c4, ctx, ctx.device());
            ServerSocketFunctions.register(c4, ctx, ctx.device());
        }
        JsonLib.register(ctx, c4);
        EncodingLib.register(c4);
        CryptoLib.register(c4);
        XmlLib.register(c4);
        SmallHelpers.register(ctx, c4);
        FileLib.register(ctx, c4);
        state.setGlobal("C4", c4);
        state.setGlobal("C4SystemEvents", SystemEvents.all());
        state.setGlobal("tohex", (LuaFunction) frame -> Hex.parse(Args.function(frame, "tohex")));
        runPrelude(ctx);
    }

    /** The {@code C4} table; its functions are called as {@code C4:Name(...)}, so they number arguments as methods. */
    private static Map<String, LuaFunction> c4Table(DriverContext ctx) {
        Map<String, LuaFunction> c4 = new HashMap<>();
        c4.put("CreateTCPServer", frame -> {
            ctx.checkInitTime("CreateTCPServer");
            return new ServerObject(ctx, ctx.environment.network().newServer()).object;
        });
        c4.put("CreateTCPClient", frame -> {
            ctx.checkInitTime("CreateTCPClient");
            return new ClientObject(ctx, ctx.environment.network().newClient()).object;
        });
        c4.put("SetTimer", frame -> TimerObject.setTimer(ctx, Args.method(frame, "SetTimer")));
        c4.put("AddTimer", frame -> ctx.legacyTimers.add(Args.method(frame, "AddTimer")));
        c4.put("KillTimer", frame -> ctx.legacyTimers.kill(Args.method(frame, "KillTimer")));
        c4.put("GetTime", frame -> getTime(ctx.environment.loop().clock(), Args.method(frame, "GetTime")));
        c4.put("GetTickCount", frame -> ctx.environment.loop().clock().tickCountMillis());
        c4.put("DebugLog", frame -> {
            ctx.output.message(ctx.name, DriverOutput.Kind.LOG, Args.method(frame, "DebugLog").checkString(1));
            return LuaFunction.Results.NONE;
        });
        c4.put("ErrorLog", frame -> {
            ctx.output.message(ctx.name, DriverOutput.Kind.LOG, Args.method(frame, "ErrorLog").checkString(1));
            return LuaFunction.Results.NONE;
        });
        return c4;
    }

    /**
     * {@code C4:GetTime([units[, fractional]])} (spec 6.4): time since the epoch in {@code units} (ns us ms s min h
     * d w y dec; missing or unknown = ms), truncated unless {@code fractional} is true.
     */
    static Object getTime(DriverClock clock, Args args) {
        String units = args.type(1) == LuaType.STRING ? args.checkString(1) : "ms";
        long unitNanos = switch (units) {
            case "ns" -> 1L;
            case "us" -> 1_000L;
            case "s" -> 1_000_000_000L;
            case "min" -> 60_000_000_000L;
            case "h" -> 3_600_000_000_000L;
            case "d" -> 86_400_000_000_000L;
            case "w" -> 604_800_000_000_000L;
            case "y" -> 31_556_952_000_000_000L; // CHOICE: 365.2425 days
            case "dec" -> 315_569_520_000_000_000L; // 10 years
            default -> 1_000_000L;
        };
        long nanos = clock.epochNanos();
        long whole = nanos / unitNanos;
        if (!args.toBoolean(2)) {
            return whole;
        }
        return whole + (double) (nanos % unitNanos) / unitNanos;
    }

    private static void runPrelude(DriverContext ctx) {
        LuaState state = ctx.state();
        LuaValueRef prelude;
        try {
            prelude = state.load(PRELUDE, "=c4j");
        } catch (LuaSyntaxException e) {
            throw new IllegalStateException("c4j prelude does not compile: " + e.getMessage(), e);
        }
        LuaFunction printLine = frame -> {
            ByteBuffer line = Args.function(frame, "print").checkBytes(1);
            ctx.output.print(ctx.name, Args.copy(line));
            return LuaFunction.Results.NONE;
        };
        LuaFunction hexdumpLines = frame -> {
            Args args = Args.function(frame, "hexdump");
            ByteBuffer data = args.checkBytes(1);
            args.checkFunctionOrNil(2);
            return Hex.dumpLines(data);
        };
        LuaFunction readPackageFile = frame -> readPackageFile(ctx, Args.function(frame, "require").checkString(1));
        try {
            Object[] results = state.call(prelude, printLine, hexdumpLines, BitLib.functions(), Lpack.functions(),
                    readPackageFile);
            ctx.setEntry = (LuaValueRef) results[0];
        } catch (LuaException e) {
            throw new IllegalStateException("c4j prelude failed: " + e.getMessage(), e);
        } finally {
            prelude.release();
        }
    }

    /**
     * A module file of the driver package for {@code require} (Q3): its bytes, or nil and why not. Absolute
     * names and {@code ..} never resolve; a .c4i or bare .lua driver has no files (Q6).
     */
    private static Object readPackageFile(DriverContext ctx, String file) {
        if (file.startsWith("/") || file.contains("..") || file.contains("\\")) {
            return LuaFunction.Results.of(null, " (outside the driver package)");
        }
        if (!ctx.driverPackage().hasFiles()) {
            return LuaFunction.Results.of(null, " (this driver has no package files)");
        }
        try {
            return ctx.driverPackage().file(file).<Object>map(bytes -> bytes).orElse(null);
        } catch (IOException e) {
            return LuaFunction.Results.of(null, " (" + e.getMessage() + ")");
        }
    }

    private static byte[] resource(String name) {
        try (InputStream in = C4Api.class.getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalStateException("missing resource " + name);
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
