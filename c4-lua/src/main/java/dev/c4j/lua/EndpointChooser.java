package dev.c4j.lua;

import dev.c4j.api.Endpoint;
import dev.c4j.api.EndpointChoice;
import dev.c4j.lua.spi.Collectable;
import dev.c4j.lua.spi.LuaFrame;
import dev.c4j.lua.spi.LuaFunction;
import dev.c4j.lua.spi.LuaValueRef;

import java.util.List;

/**
 * The endpoint choice after a name was resolved, for servers and clients alike (spec section 4): the first of
 * these decides: no {@code OnResolve} handler (default); {@code choose(i)} called while the handler runs; the
 * handler's numeric result; and when it returned nothing, a handler that cannot receive {@code choose} (fewer
 * than three parameters, not vararg) means the default at once. Otherwise the choice stays open until
 * {@code choose} is called, the object is closed, or Lua collects {@code choose} (then the default).
 */
final class EndpointChooser {

    private static final int CHOOSE_PARAMETER_COUNT = 3; // handler(obj, endpoints, choose)

    private EndpointChooser() {
    }

    static void resolved(LuaPeer owner, int slot, List<Endpoint> endpoints, EndpointChoice choice) {
        if (!owner.object.hasHandler(slot)) {
            choice.chooseDefault();
            return;
        }
        int params = owner.object.handlerParams(slot);
        Object returned = callHandler(owner, slot, endpoints, choice);
        if (!choice.isOpen()) { // chosen inside the handler, or closed
            return;
        }
        if (returned instanceof Double index) {
            choice.choose(index(index));
        } else if (returned != null) { // CHOICE: any other non-nil result cancels, like an out-of-range index
            choice.choose(0);
        } else if (params >= 0 && params < CHOOSE_PARAMETER_COUNT) {
            choice.chooseDefault();
        } else {
            // The handler may have kept choose. The common case is that it did not: one collection settles
            // that at once (choose's collected() then picks the default on a later turn).
            owner.ctx.collectGarbage();
        }
    }

    /**
     * Runs the handler and returns its first result (nil, boolean, number, or nothing after an error). A method
     * of its own so that no reference to {@code choose} outlives the call in this frame: the collection that may
     * follow must see it as garbage.
     */
    private static Object callHandler(LuaPeer owner, int slot, List<Endpoint> endpoints, EndpointChoice choice) {
        Object[] results = owner.ctx.invokeForResults(owner, slot, 1, endpoints, new Choose(choice));
        Object first = results != null && results.length > 0 ? results[0] : null;
        if (first instanceof LuaValueRef ref) {
            ref.release();
            return Boolean.TRUE; // some non-number value: only its being there matters
        }
        return first;
    }

    /** A Lua number as a 1-based index; fractions truncated; NaN and out-of-int values give 0 (cancel). */
    static int index(double value) {
        return value >= 1 && value <= Integer.MAX_VALUE ? (int) value : 0;
    }

    /** The {@code choose} function handed to {@code OnResolve}. */
    private static final class Choose implements LuaFunction, Collectable {
        private final EndpointChoice choice;

        Choose(EndpointChoice choice) {
            this.choice = choice;
        }

        /** {@code choose()}/{@code choose(nil)}: the default; a number: that endpoint; anything else cancels. */
        @Override
        public Object call(LuaFrame args) {
            if (args.type(1).isNoneOrNil()) {
                choice.chooseDefault();
            } else {
                Double value = args.toNumber(1);
                choice.choose(value == null ? 0 : index(value));
            }
            return Results.NONE;
        }

        /** Lua can no longer call it: the default applies (row 5). */
        @Override
        public void collected() {
            if (choice.isOpen()) {
                choice.chooseDefault();
            }
        }
    }
}
