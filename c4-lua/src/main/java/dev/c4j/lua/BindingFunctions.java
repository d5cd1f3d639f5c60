package dev.c4j.lua;

import dev.c4j.api.host.Device;
import dev.c4j.lua.spi.LuaFunction;

import java.util.List;
import java.util.Map;

import static dev.c4j.lua.DirectorFunctions.integer;
import static dev.c4j.lua.DirectorFunctions.optString;
import static dev.c4j.lua.DirectorFunctions.params;

/**
 * The Lua face of binding networking (host spec §4.2): Director owns the socket of each (binding, port) and the
 * driver names it by binding id and port. Recorded Director calls over the {@link Device}.
 */
final class BindingFunctions {

    /** Recorded only (P3): the getters answer nil, the others nothing. */
    private static final List<String> RECORDED_GETTERS = List.of("GetDeviceMAC", "GetDiscoveryInfo",
            "GetNetworkBindingsByDevice");
    private static final List<String> RECORDED_ACTIONS = List.of("SetBindingStatus", "SendBroadcast", "SendWOL");

    private BindingFunctions() {
    }

    static void register(Map<String, LuaFunction> c4, DriverContext ctx, Device device) {
        RecordedCalls calls = new RecordedCalls(c4, ctx, device);
        calls.define("CreateNetworkConnection", args -> {
            device.createNetworkConnection(integer(args, 1), args.checkString(2), optString(args, 3));
            return LuaFunction.Results.NONE;
        });
        calls.define("NetPortOptions", args -> {
            device.netPortOptions(integer(args, 1), port(args, 2), optString(args, 3), params(args, 4, true));
            return LuaFunction.Results.NONE;
        });
        calls.define("NetConnect", args -> { // the 4th argument (suppress events) has no effect (N7)
            device.netConnect(integer(args, 1), port(args, 2), optString(args, 3));
            return LuaFunction.Results.NONE;
        });
        calls.define("NetDisconnect", args -> {
            device.netDisconnect(integer(args, 1), port(args, 2));
            return LuaFunction.Results.NONE;
        });
        calls.define("SendToNetwork", args -> {
            device.sendToNetwork(integer(args, 1), port(args, 2), args.checkBytes(3));
            return LuaFunction.Results.NONE;
        });
        calls.define("GetBindingAddress", args -> device.bindingAddress(integer(args, 1)));
        calls.define("SetBindingAddress", args -> {
            device.setBindingAddress(integer(args, 1), args.checkString(2));
            return LuaFunction.Results.NONE;
        });
        RECORDED_GETTERS.forEach(name -> calls.define(name, args -> null));
        RECORDED_ACTIONS.forEach(name -> calls.define(name, args -> LuaFunction.Results.NONE));
    }

    /** A port number, 1..65535; CHOICE: another is a bad argument (H7), as no socket could ever use it. */
    private static int port(Args args, int n) {
        int port = integer(args, n);
        if (port < 1 || port > 65535) {
            throw args.error(n, "port out of range");
        }
        return port;
    }
}
