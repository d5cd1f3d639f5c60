package dev.c4j.lua;

import dev.c4j.api.LuaNumbers;
import dev.c4j.api.host.Device;
import dev.c4j.lua.spi.LuaFunction;
import dev.c4j.lua.spi.LuaType;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * The Lua face of the Director calls (host spec §3): each {@code C4:Name(...)} checks and converts its arguments
 * (H7), asks the {@link Device}, mirrors what the driver's tables must show at once (H3), and records the call
 * with its arguments and result (H1). Calls c4j does not implement are not here, so they stay nil (H2).
 */
final class DirectorFunctions {

    private final DriverContext ctx;
    private final Device device;
    private final RecordedCalls calls;

    private DirectorFunctions(DriverContext ctx, Device device, Map<String, LuaFunction> c4) {
        this.ctx = ctx;
        this.device = device;
        this.calls = new RecordedCalls(c4, ctx, device);
    }

    static void register(Map<String, LuaFunction> c4, DriverContext ctx, Device device) {
        DirectorFunctions f = new DirectorFunctions(ctx, device, c4);
        f.identity();
        f.properties();
        f.variables();
        f.events();
        f.messages();
        f.bindings();
        f.persistence();
        f.rest();
    }

    private void define(String name, RecordedCalls.Call call) {
        calls.define(name, call);
    }

    private void defineRecorded(String name, RecordedCalls.RecordedCall call) {
        calls.defineRecorded(name, call);
    }

    // ---- argument helpers (H7) ----------------------------------------------------------------------------------

    static int integer(Args args, int n) {
        return (int) Args.truncate(args.checkNumber(n));
    }

    private static int optInteger(Args args, int n, int absent) {
        return args.isNoneOrNil(n) ? absent : integer(args, n);
    }

    static String optString(Args args, int n) {
        return args.isNoneOrNil(n) ? null : args.checkString(n);
    }

    /** A value the driver sends as text: strings and numbers (H8), booleans as {@code "true"}/{@code "false"}. */
    private static String valueText(Args args, int n) {
        LuaType type = args.type(n);
        if (type == LuaType.BOOLEAN) {
            return Boolean.toString(args.toBoolean(n));
        }
        if (type.isNoneOrNil()) {
            return "";
        }
        return HostValues.text(args.frame().toValue(args.index(n)));
    }

    /** A parameter table (or nil): keys and values as text, empty values left out unless allowed. */
    static Map<String, String> params(Args args, int n, boolean allowEmpty) {
        if (args.isNoneOrNil(n)) {
            return Map.of();
        }
        if (args.type(n) != LuaType.TABLE) {
            throw args.typeError(n, "table");
        }
        return HostValues.params(args.frame().toValue(args.index(n)), allowEmpty);
    }

    private static List<String> commaList(String text) {
        List<String> items = new ArrayList<>();
        for (String item : text.split(",", -1)) {
            if (!item.isBlank()) {
                items.add(item.trim());
            }
        }
        return items;
    }

    private static Object nilIfEmpty(Map<?, ?> map) {
        return map == null || map.isEmpty() ? null : map;
    }

    private static LuaFunction.Results numbers(List<Integer> ids) {
        return new LuaFunction.Results(new ArrayList<>(ids));
    }

    // ---- §3.1 identity and project ----------------------------------------------------------------------------

    private void identity() {
        define("GetDeviceID", args -> device.id());
        define("GetProxyDevices", args -> device.proxyIds().isEmpty() ? null : numbers(device.proxyIds()));
        define("GetProxyDevicesById", args -> numbers(device.proxyIdsOf(integer(args, 1))));
        define("GetProxyDevicesByName", args -> device.proxyDevicesByName(args.checkString(1)));
        define("GetDevicesByC4iName", args -> device.devicesByC4iName(args.checkString(1)));
        define("GetDevices", args -> {
            List<String> names = null;
            List<Integer> ids = null;
            if (args.type(1) == LuaType.TABLE) {
                Map<String, String> filter = HostValues.params(args.frame().toValue(args.index(1)), false);
                names = filter.containsKey("C4iNames") ? commaList(filter.get("C4iNames")) : null;
                ids = filter.containsKey("DeviceIds") ? commaList(filter.get("DeviceIds")).stream()
                        .map(DirectorFunctions::parseId).toList() : null;
            }
            return device.devices(names, ids);
        });
        define("GetDeviceDisplayName", args -> device.displayName(optInteger(args, 1, device.id())));
        define("GetDriverConfigInfo", args -> device.driverConfigInfo(args.checkString(1)));
        define("GetDeviceData", args -> device.deviceData(optInteger(args, 1, device.id()), optString(args, 2)));
        define("GetDriverFileName", args -> device.driverPackage().fileName());
        define("GetVersionInfo", args -> device.versionInfo());
        define("GetCapability", args -> device.capability(args.checkString(1)));
        define("GetProjectProperty", args -> device.projectProperty(args.checkString(1)));
        define("GetProjectItems", args -> device.projectItems());
        define("GetBindingsByDevice", args -> device.bindingsByDevice(optInteger(args, 1, device.id())));
        define("GetControllerNetworkAddress", args -> device.controllerAddress());
        define("GetUniqueMAC", args -> device.uniqueMac());
        define("RoomGetId", args -> device.roomId());
        define("GetLocale", args -> "C");
        define("RenameDevice", args -> {
            device.renameDevice(integer(args, 1), args.checkString(2));
            return LuaFunction.Results.NONE;
        });
    }

    private static int parseId(String text) {
        try {
            return (int) Double.parseDouble(text);
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    // ---- §3.2 properties -------------------------------------------------------------------------------------

    private void properties() {
        define("UpdateProperty", args -> {
            String name = args.checkString(1);
            String value = valueText(args, 2);
            if (device.updateProperty(name, value)) {
                ctx.mirror("Properties", name, value);
            }
            return LuaFunction.Results.NONE;
        });
        define("SetPropertyAttribs", args -> {
            device.setPropertyAttribs(args.checkString(1), integer(args, 2));
            return LuaFunction.Results.NONE;
        });
        define("UpdatePropertyList", args -> {
            String name = args.checkString(1);
            String value = optString(args, 3);
            if (device.updatePropertyList(name, commaList(args.checkString(2)), value)) {
                ctx.mirror("Properties", name, value);
            }
            return LuaFunction.Results.NONE;
        });
    }

    // ---- §3.3 variables -----------------------------------------------------------------------------------------

    private void variables() {
        define("AddVariable", args -> {
            String name;
            int id = 0;
            if (args.type(1) == LuaType.NUMBER) {
                id = integer(args, 1);
                if (id <= 0) {
                    throw args.error(1, "variable id must be positive");
                }
                name = Integer.toString(id);
            } else {
                name = args.checkString(1);
            }
            String value = args.type(2) == LuaType.BOOLEAN ? (args.toBoolean(2) ? "1" : "0") : valueText(args, 2);
            String type = args.checkString(3);
            int added = device.addVariable(name, id, value, type, args.toBoolean(4), args.toBoolean(5));
            if (added < 0) {
                return false;
            }
            ctx.mirror("Variables", device.variableName(Integer.toString(added)), value);
            return LuaFunction.Results.of(true, added); // B1
        });
        define("SetVariable", args -> {
            String ident = variableIdent(args, 1);
            String value = args.type(2) == LuaType.BOOLEAN ? (args.toBoolean(2) ? "1" : "0") : valueText(args, 2);
            if (device.setVariable(ident, value)) {
                ctx.mirror("Variables", device.variableName(ident), value);
            }
            return LuaFunction.Results.NONE;
        });
        define("DeleteVariable", args -> {
            String removed = device.deleteVariable(variableIdent(args, 1));
            if (removed != null) {
                ctx.mirror("Variables", removed, null);
            }
            return LuaFunction.Results.NONE;
        });
        RecordedCalls.Call getVariable = args -> device.deviceVariable(integer(args, 1), variableIdent(args, 2));
        define("GetVariable", getVariable);
        define("GetDeviceVariable", getVariable);
        define("SetDeviceVariable", args -> {
            int deviceId = integer(args, 1);
            String ident = variableIdent(args, 2);
            String value = valueText(args, 3);
            device.setDeviceVariable(deviceId, ident, value);
            if (deviceId == device.id() && device.variableName(ident) != null) {
                ctx.mirror("Variables", device.variableName(ident), value);
            }
            return LuaFunction.Results.NONE;
        });
        define("GetDeviceVariables", args -> device.deviceVariables(integer(args, 1)));
        define("RegisterVariableListener", args -> {
            device.registerVariableListener(integer(args, 1), variableIdent(args, 2));
            return LuaFunction.Results.NONE;
        });
        define("UnregisterVariableListener", args -> {
            device.unregisterVariableListener(integer(args, 1), variableIdent(args, 2));
            return LuaFunction.Results.NONE;
        });
        define("UnregisterAllVariableListeners", args -> {
            device.unregisterAllVariableListeners();
            return LuaFunction.Results.NONE;
        });
    }

    /** A variable named by name or by id (a number, or its text). */
    private static String variableIdent(Args args, int n) {
        return args.type(n) == LuaType.NUMBER ? LuaNumbers.format(args.checkNumber(n)) : args.checkString(n);
    }

    // ---- §3.4 events -------------------------------------------------------------------------------------------

    private void events() {
        define("FireEvent", args -> {
            device.fireEvent(args.checkString(1));
            return LuaFunction.Results.NONE;
        });
        define("FireEventByID", args -> {
            device.fireEventById(integer(args, 1));
            return LuaFunction.Results.NONE;
        });
        define("AddEvent", args -> device.addEvent(integer(args, 1), args.checkString(2),
                args.isNoneOrNil(3) ? "" : args.checkString(3)));
        define("DeleteEvent", args -> {
            device.deleteEvent(integer(args, 1));
            return LuaFunction.Results.NONE;
        });
        define("RegisterDeviceEvent", args -> {
            device.registerDeviceEvent(integer(args, 1), integer(args, 2));
            return LuaFunction.Results.NONE;
        });
        define("UnregisterDeviceEvent", args -> {
            device.unregisterDeviceEvent(integer(args, 1), integer(args, 2));
            return LuaFunction.Results.NONE;
        });
        define("UnregisterAllDeviceEvents", args -> {
            device.unregisterAllDeviceEvents();
            return LuaFunction.Results.NONE;
        });
        define("RegisterSystemEvent", args -> {
            device.registerSystemEvent(integer(args, 1), optInteger(args, 2, 0));
            return LuaFunction.Results.NONE;
        });
        define("UnregisterSystemEvent", args -> {
            device.unregisterSystemEvent(integer(args, 1), optInteger(args, 2, 0));
            return LuaFunction.Results.NONE;
        });
        define("UnregisterAllSystemEvents", args -> {
            device.unregisterAllSystemEvents();
            return LuaFunction.Results.NONE;
        });
        define("RecordHistory", args -> LuaFunction.Results.NONE);
        define("RegisterEvents", args -> true);
    }

    // ---- §3.5 messages to proxies and devices ---------------------------------------------------------------

    private void messages() {
        defineRecorded("SendToProxy", args -> {
            int binding = integer(args, 1);
            String command = args.checkString(2);
            // B8: a boolean in 4th place is allowEmpty (roon's wrapper); else the message type, then allowEmpty.
            boolean typeGiven = args.type(4) == LuaType.STRING;
            boolean allowEmpty = args.type(4) == LuaType.BOOLEAN ? args.toBoolean(4) : args.toBoolean(5);
            String messageType = typeGiven ? args.checkString(4).toUpperCase(Locale.ROOT)
                    : binding >= 1000 ? "NOTIFY" : "COMMAND"; // B7
            Object params = switch (args.type(3)) {
                case TABLE -> params(args, 3, allowEmpty);
                case NONE, NIL -> Map.of();
                default -> valueText(args, 3); // a body string, or a number
            };
            device.sendToProxy(binding, command, params, messageType);
            device.note(messageType);
            // The record shows the message as sent: without the empty values that were left out.
            return new RecordedCalls.Recorded(LuaFunction.Results.NONE, RecordedCalls.argumentsWith(args, 3, params));
        });
        defineRecorded("SendToDevice", args -> {
            int target = integer(args, 1);
            String command = args.checkString(2);
            Map<String, String> params = params(args, 3, args.toBoolean(4));
            device.sendToDevice(target, command, params);
            if (args.type(5) == LuaType.BOOLEAN && !args.toBoolean(5)) {
                // logCommand false: the values stay out of the record, so out of logs and the console
                Map<String, String> masked = new TreeMap<>();
                params.keySet().forEach(key -> masked.put(key, "***"));
                return new RecordedCalls.Recorded(LuaFunction.Results.NONE, RecordedCalls.argumentsWith(args, 3, masked));
            }
            return new RecordedCalls.Recorded(LuaFunction.Results.NONE, RecordedCalls.argumentsWith(args, 3, params));
        });
        define("SendUIRequest", args -> device.sendUIRequest(integer(args, 1), args.checkString(2),
                params(args, 3, true)));
        define("SendDataToUI", args -> LuaFunction.Results.NONE);
        define("RoomSelectNav", args -> LuaFunction.Results.NONE);
    }

    // ---- §3.6 bindings --------------------------------------------------------------------------------------

    private void bindings() {
        define("GetBoundConsumerDevices", args -> device.boundConsumerDevices(integer(args, 1), integer(args, 2)));
        define("GetBoundProviderDevice", args -> device.boundProviderDevice(integer(args, 1), integer(args, 2)));
        define("Bind", args -> {
            device.bind(integer(args, 1), integer(args, 2), integer(args, 3), integer(args, 4),
                    args.isNoneOrNil(5) ? "" : args.checkString(5));
            return LuaFunction.Results.NONE;
        });
        define("Unbind", args -> {
            device.unbind(integer(args, 1), integer(args, 2));
            return LuaFunction.Results.NONE;
        });
        define("AddDynamicBinding", args -> {
            device.addDynamicBinding(integer(args, 1), args.checkString(2), args.toBoolean(3), args.checkString(4),
                    args.checkString(5), args.toBoolean(6), args.toBoolean(7));
            return LuaFunction.Results.NONE;
        });
        define("RemoveDynamicBinding", args -> {
            device.removeDynamicBinding(integer(args, 1));
            return LuaFunction.Results.NONE;
        });
    }

    // ---- §3.7 persistence ---------------------------------------------------------------------------------------

    private void persistence() {
        define("PersistSetValue", args -> {
            String name = args.checkString(1);
            Object value = args.frame().toValue(args.index(2));
            String unstorable = PersistValues.unstorable(value);
            if (unstorable != null) { // B17: error logged, nothing stored, no Lua error
                ctx.output.message(ctx.name, DriverOutput.Kind.ERROR, "PersistSetValue('" + name + "'): " + unstorable
                        + "; nothing stored");
                device.note("not stored: " + unstorable);
                return LuaFunction.Results.NONE;
            }
            device.persistSetValue(name, value, args.toBoolean(3));
            return LuaFunction.Results.NONE;
        });
        define("PersistGetValue", args -> device.persistGetValue(args.checkString(1), args.toBoolean(2)));
        define("PersistDeleteValue", args -> {
            device.persistDeleteValue(args.checkString(1));
            return LuaFunction.Results.NONE;
        });
        define("PersistDeleteAll", args -> {
            device.persistDeleteAll();
            return LuaFunction.Results.NONE;
        });
        define("RegistrySetValue", args -> {
            device.registrySetValue(registryKey(args), args.frame().toValue(args.index(2)));
            return LuaFunction.Results.NONE;
        });
        define("RegistryGetValue", args -> device.registryGetValue(registryKey(args)));
        define("RegistryDeleteValue", args -> {
            device.registryDeleteValue(registryKey(args));
            return LuaFunction.Results.NONE;
        });
        define("InvalidateState", args -> LuaFunction.Results.NONE);
    }

    private static Object registryKey(Args args) {
        return args.type(1) == LuaType.NUMBER ? (Object) args.checkNumber(1) : args.checkString(1);
    }

    // ---- §3.8 the rest ----------------------------------------------------------------------------------------

    private void rest() {
        define("AllowExecute", args -> {
            device.allowExecute(args.toBoolean(1));
            return LuaFunction.Results.NONE;
        });
    }
}
