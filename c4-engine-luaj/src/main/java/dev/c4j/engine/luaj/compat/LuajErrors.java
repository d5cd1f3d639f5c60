package dev.c4j.engine.luaj.compat;

import org.luaj.vm2.LuaError;
import org.luaj.vm2.LuaValue;

import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.lang.invoke.VarHandle;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Lua 5.1's view of LuaJ's errors. LuaJ keeps an error's parts in fields of {@link LuaError}: the raw message,
 * the value given to {@code error} ({@code object}), the position of the innermost Lua function
 * ({@code fileline}, as {@code "=chunk:12"}) and, with the debug library loaded, a traceback that already
 * contains the message. Its {@code pcall} hands that whole text to Lua. Here the parts are read back (LuaJ exposes
 * no accessors) to give what Lua 5.1 gives: {@code "chunk:12: message"} to {@code pcall}, and the message plus
 * {@code "\nstack traceback:\n\t..."} to the driver's output.
 */
public final class LuajErrors {

    public static final String NO_TRACEBACK = "\nstack traceback:\n\t[C]: ?";
    private static final String TRACEBACK_HEADER = "\nstack traceback:";
    private static final int LUA_IDSIZE = 60; // luaconf.h: the room for a chunk's name in messages

    private static final VarHandle OBJECT;
    private static final VarHandle FILELINE;
    private static final VarHandle TRACEBACK;
    private static final MethodHandle RAW_MESSAGE; // Throwable.getMessage(), not LuaError's override

    static {
        try {
            MethodHandles.Lookup lookup = MethodHandles.privateLookupIn(LuaError.class, MethodHandles.lookup());
            OBJECT = lookup.findVarHandle(LuaError.class, "object", LuaValue.class);
            FILELINE = lookup.findVarHandle(LuaError.class, "fileline", String.class);
            TRACEBACK = lookup.findVarHandle(LuaError.class, "traceback", String.class);
            RAW_MESSAGE = lookup.findSpecial(Throwable.class, "getMessage", MethodType.methodType(String.class),
                    LuaError.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    private LuajErrors() {
    }

    /** The error value as Lua 5.1's {@code pcall} returns it. */
    public static LuaValue value(LuaError error) {
        LuaValue object = (LuaValue) OBJECT.get(error);
        if (object != null) {
            return object; // raised through error() or by our Java functions: exactly as given
        }
        String raw = rawMessage(error);
        if (raw == null) {
            return LuaValue.NIL;
        }
        String fileline = (String) FILELINE.get(error);
        return LuaValue.valueOf(fileline == null ? raw : position(fileline) + raw);
    }

    /** What the driver's output shows: the message, then the traceback from where the error was raised. */
    public static String report(LuaError error) {
        return text(value(error)) + traceback(error);
    }

    /** {@code "\nstack traceback:\n\t..."} as LuaJ recorded it when the error left the innermost Lua function. */
    static String traceback(LuaError error) {
        String traceback = (String) TRACEBACK.get(error);
        if (traceback == null) {
            return NO_TRACEBACK;
        }
        // LuaJ's traceback starts with its own rendering of the message: fileline, a space, the message.
        String fileline = (String) FILELINE.get(error);
        LuaValue object = (LuaValue) OBJECT.get(error);
        String message = object != null ? object.tojstring() : rawMessage(error);
        String prefix = (fileline != null ? fileline + " " : "") + message;
        int start = traceback.startsWith(prefix) ? prefix.length() : traceback.indexOf(TRACEBACK_HEADER);
        return start >= 0 && traceback.startsWith(TRACEBACK_HEADER, start) ? traceback.substring(start) : NO_TRACEBACK;
    }

    /** An error value as text, as the standalone interpreter shows it. */
    public static String text(LuaValue value) {
        if (value.isstring()) {
            return value.tojstring();
        }
        if (value.isnil()) {
            return "nil";
        }
        LuaValue tostring = value.metatag(LuaValue.TOSTRING);
        return tostring.isnil() ? "(error object is a " + value.typename() + " value)" : tostring.call(value).tojstring();
    }

    private static final Pattern LUAJ_POSITION = Pattern.compile("(?s)(.*?):(\\d+|\\?) (.*)");

    /**
     * LuaJ's rendering {@code "=chunk:12 message"}, as it hands it to an {@code xpcall} handler, in Lua 5.1's form
     * {@code "chunk:12: message"}.
     */
    static String normalize(String luajMessage) {
        Matcher m = LUAJ_POSITION.matcher(luajMessage);
        if (!m.matches() || !(luajMessage.startsWith("=") || luajMessage.startsWith("@"))) {
            return luajMessage;
        }
        return position(m.group(1) + ":" + m.group(2)) + m.group(3);
    }

    /** {@code "=chunk:12"} → {@code "chunk:12: "}; an unknown line gives no position. */
    static String position(String fileline) {
        int colon = fileline.lastIndexOf(':');
        if (colon < 0 || fileline.endsWith(":?")) {
            return "";
        }
        return chunkId(fileline.substring(0, colon)) + fileline.substring(colon) + ": ";
    }

    /** A chunk's name as Lua 5.1 shows it in messages ({@code luaO_chunkid}). */
    static String chunkId(String source) {
        if (source.startsWith("=")) {
            return source.substring(1, Math.min(source.length(), LUA_IDSIZE));
        }
        if (source.startsWith("@")) {
            String file = source.substring(1);
            int room = LUA_IDSIZE - " '...' ".length() - 1;
            return file.length() > room ? "..." + file.substring(file.length() - room) : file;
        }
        int room = LUA_IDSIZE - " [string \"...\"] ".length() - 1;
        int lineEnd = 0;
        while (lineEnd < source.length() && source.charAt(lineEnd) != '\n' && source.charAt(lineEnd) != '\r') {
            lineEnd++;
        }
        int length = Math.min(lineEnd, room);
        return length < source.length()
                ? "[string \"" + source.substring(0, length) + "...\"]"
                : "[string \"" + source + "\"]";
    }

    private static String rawMessage(LuaError error) {
        try {
            return (String) RAW_MESSAGE.invokeExact(error);
        } catch (Throwable t) {
            throw new IllegalStateException("cannot read a LuaError's message", t);
        }
    }
}
