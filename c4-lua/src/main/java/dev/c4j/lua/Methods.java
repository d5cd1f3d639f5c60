package dev.c4j.lua;

import dev.c4j.lua.spi.LuaFunction;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

/**
 * The Lua methods of one object type, each declared once by its name: every method checks that {@code self} is a
 * peer of the type ({@code calling 'Listen' on bad self (C4LuaTcpServer expected, got nil)}) and numbers its
 * arguments as {@link Args} does. Built once per type, in a static field: the functions are plain lambdas shared
 * by every driver, so a call allocates nothing beyond its {@link Args}.
 *
 * @param <P> the peer class behind the type
 */
final class Methods<P extends LuaPeer> {

    /** What a method does once {@code self} is known; the result goes back to Lua. */
    @FunctionalInterface
    interface Body<P> {
        Object call(P self, Args args);
    }

    private final Class<P> peerType;
    private final String typeName;
    private final Map<String, LuaFunction> functions = new HashMap<>();
    private final List<String> handlerNames = new ArrayList<>();

    Methods(Class<P> peerType, String typeName) {
        this.peerType = peerType;
        this.typeName = typeName;
    }

    /** A method drivers may call any time ({@code Write}, {@code Cancel}). */
    Methods<P> method(String name, Body<P> body) {
        return define(name, frame -> {
            Args args = Args.method(frame, name);
            return body.call(args.self(peerType, typeName), args);
        });
    }

    /**
     * A method the vendor advises not to call before {@code OnDriverLateInit}: a call during {@code OnDriverInit}
     * warns (spec section 1), after {@code self} is checked and before the arguments are.
     */
    Methods<P> lateInitMethod(String name, Body<P> body) {
        return define(name, frame -> {
            Args args = Args.method(frame, name);
            P self = args.self(peerType, typeName);
            self.ctx.checkInitTime(name);
            return body.call(self, args);
        });
    }

    /** A method storing handler {@code slot} (G2): a function sets it, nil clears it, the result is self. */
    Methods<P> handler(String name, int slot) {
        return handler(name, slot, self -> true);
    }

    /** {@link #handler(String, int)} that gives nil, storing nothing, while {@code settable} is false. */
    Methods<P> handler(String name, int slot, Predicate<P> settable) {
        while (handlerNames.size() <= slot) {
            handlerNames.add(null);
        }
        if (handlerNames.set(slot, name) != null) {
            throw new IllegalArgumentException("two handlers in slot " + slot + " of " + typeName);
        }
        return method(name, (self, args) -> {
            boolean set = args.checkFunctionOrNil(1);
            if (!settable.test(self)) {
                return null;
            }
            if (set) {
                self.object.setHandler(slot, args.frame(), args.index(1));
            } else {
                self.object.clearHandler(slot);
            }
            return self.object;
        });
    }

    private Methods<P> define(String name, LuaFunction function) {
        if (functions.putIfAbsent(name, function) != null) {
            throw new IllegalArgumentException(typeName + " defines '" + name + "' twice");
        }
        return this;
    }

    /** The functions by method name, for {@code LuaState.defineType}. */
    Map<String, LuaFunction> functions() {
        return Collections.unmodifiableMap(functions);
    }

    /** The name of handler {@code slot} as drivers set it ({@code "OnRead"}). */
    String handlerName(int slot) {
        return handlerNames.get(slot);
    }
}
