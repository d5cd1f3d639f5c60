package dev.c4j.host.state;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What c4j keeps of one driver between runs (rule H11): the package version of the last run, property values,
 * the driver's variables, {@code PersistData}, the {@code Persist*Value} entries and the connections of its dynamic
 * bindings. A snapshot: mutable, owned by
 * whoever holds it; the store copies on save.
 */
public final class DriverState {

    /** {@code <version>} of the last run; null when there was none (a first start: {@code DIT_ADDING}). */
    public String version;
    public final Map<String, String> properties = new LinkedHashMap<>();
    public final List<Variable> variables = new ArrayList<>();
    public Map<Object, Object> persistData = new LinkedHashMap<>();
    /** name → entry; the flag belongs to the entry (B16). */
    public final Map<String, PersistEntry> persistValues = new LinkedHashMap<>();
    /**
     * Dynamic binding id → what was bound to it (§3.6): Director forgets dynamic bindings at a restart, the driver
     * adds them again, and then their connections come back from here.
     */
    public final Map<Integer, List<Connection>> dynamicConnections = new LinkedHashMap<>();

    public record Variable(int id, String name, String value, String type, boolean readOnly, boolean hidden) {
    }

    /** A binding seen from this driver's end: whether that end provides, and the other device's end. */
    public record Connection(boolean provider, int otherDevice, int otherBinding, String bindingClass) {
    }

    /** A {@code PersistSetValue} entry: a plain value, stored encrypted on disk when {@code encrypted}. */
    public record PersistEntry(Object value, boolean encrypted) {
    }

    /** A deep copy (plain values are copied by the codec round trip on save; here the containers). */
    public DriverState copy() {
        DriverState copy = new DriverState();
        copy.version = version;
        copy.properties.putAll(properties);
        copy.variables.addAll(variables);
        copy.persistData = persistData;
        copy.persistValues.putAll(persistValues);
        dynamicConnections.forEach((binding, connections) -> copy.dynamicConnections.put(binding, List.copyOf(connections)));
        return copy;
    }
}
