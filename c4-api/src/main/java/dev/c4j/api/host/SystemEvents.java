package dev.c4j.api.host;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The system event names and ids of the global {@code C4SystemEvents} (§3.4). c4j knows the ids the public
 * documentation gives; {@code RegisterSystemEvent} accepts any id, and the injection API any of these names.
 */
public final class SystemEvents {

    private static final Map<String, Integer> IDS;

    static {
        Map<String, Integer> ids = new LinkedHashMap<>();
        ids.put("OnPIP", 6);
        ids.put("OnNetworkBindingAdded", 17);
        ids.put("OnDeviceOnline", 48);
        ids.put("OnDeviceOffline", 49);
        ids.put("OnSDDPDeviceStatus", 78);
        ids.put("OnDirectorIPAddressChanged", 90);
        IDS = Collections.unmodifiableMap(ids);
    }

    private SystemEvents() {
    }

    /** Name → id, for the {@code C4SystemEvents} global. */
    public static Map<String, Integer> all() {
        return IDS;
    }

    /** The id of a name, or of a number given as text; null when unknown. */
    public static Integer id(String nameOrId) {
        Integer id = IDS.get(nameOrId);
        if (id != null) {
            return id;
        }
        try {
            return Integer.parseInt(nameOrId.trim());
        } catch (NumberFormatException e) {
            return null;
        }
    }
}
