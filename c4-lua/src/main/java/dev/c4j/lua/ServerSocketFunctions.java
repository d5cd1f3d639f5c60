package dev.c4j.lua;

import dev.c4j.api.host.Device;
import dev.c4j.lua.spi.LuaFunction;

import java.util.Map;

import static dev.c4j.lua.DirectorFunctions.integer;
import static dev.c4j.lua.DirectorFunctions.optString;

/**
 * The Lua face of the legacy server sockets (host spec §6): Director listens and the driver names connections by
 * handle. Recorded Director calls over the {@link Device}.
 */
final class ServerSocketFunctions {

    private ServerSocketFunctions() {
    }

    static void register(Map<String, LuaFunction> c4, DriverContext ctx, Device device) {
        RecordedCalls calls = new RecordedCalls(c4, ctx, device);
        calls.define("CreateServer", args -> {
            // the delimiter is the bytes themselves ("\r\n"); "" or nil: none
            byte[] delimiter = args.isNoneOrNil(2) ? new byte[0] : Args.copy(args.checkBytes(2));
            String failure = device.createServer(integer(args, 1), delimiter, args.toBoolean(3), optString(args, 4));
            return failure == null ? Boolean.TRUE : LuaFunction.Results.of(false, failure);
        });
        calls.define("DestroyServer", args -> {
            device.destroyServer(args.isNoneOrNil(1) ? null : integer(args, 1));
            return LuaFunction.Results.NONE;
        });
        calls.define("ServerSend", args -> {
            if (args.isNoneOrNil(3)) {
                device.serverSend(handle(args), args.checkBytes(2));
            } else { // B41: (port, data, address) on a UDP server
                device.serverSendDatagram(integer(args, 1), args.checkBytes(2), args.checkString(3));
            }
            return LuaFunction.Results.NONE;
        });
        calls.define("ServerCloseClient", args -> {
            device.serverCloseClient(handle(args));
            return LuaFunction.Results.NONE;
        });
    }

    private static long handle(Args args) {
        return Args.truncate(args.checkNumber(1));
    }
}
