package dev.c4j.api.host;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What {@code driver.xml} (or a {@code .c4i} document) declares, read once when the package loads (host spec
 * §1.2). A bare {@code .lua} driver has an empty manifest named after its file.
 *
 * @param name          {@code <name>}: the default display name
 * @param version       {@code <version>}, {@code ""} when absent; drives the init type (rule H11)
 * @param jit           the script's {@code jit} attribute, {@code ""} when absent ({@code "1"} asks for LuaJIT)
 * @param encrypted     {@code encryption="2"} on the script
 * @param configInfo    each root-level element of {@code <devicedata>} (first of its name): its text when it has no
 *                      child elements, else its inner XML as written ({@code GetDriverConfigInfo})
 * @param deviceData    the same for children and grandchildren of {@code <devicedata>}, first of a name wins
 *                      ({@code GetDeviceData(id, tag)})
 * @param deviceDataXml the inner XML of {@code <devicedata>} ({@code GetDeviceData(id)}), {@code ""} without one
 */
public record DriverManifest(String name, String version, String jit, boolean encrypted,
                             List<Property> properties, List<Command> commands, List<Action> actions,
                             List<Connection> connections, List<Proxy> proxies, List<Event> events,
                             List<Conditional> conditionals, Map<String, String> capabilities,
                             Map<String, String> configInfo, Map<String, String> deviceData,
                             String deviceDataXml) {

    public DriverManifest {
        properties = List.copyOf(properties);
        commands = List.copyOf(commands);
        actions = List.copyOf(actions);
        connections = List.copyOf(connections);
        proxies = List.copyOf(proxies);
        events = List.copyOf(events);
        conditionals = List.copyOf(conditionals);
        capabilities = Map.copyOf(capabilities);
        configInfo = Map.copyOf(configInfo);
        deviceData = Map.copyOf(deviceData);
    }

    /** The manifest of a driver without {@code driver.xml}: a name and nothing else. */
    public static DriverManifest bare(String name) {
        return new DriverManifest(name, "", "", false, List.of(), List.of(), List.of(), List.of(), List.of(),
                List.of(), List.of(), Map.of(), Map.of("name", name), Map.of("name", name), "");
    }

    /** Whether this manifest came from a driver.xml (a bare .lua driver accepts any property name). */
    public boolean declared() {
        return !deviceDataXml.isEmpty();
    }

    public Optional<Property> property(String propertyName) {
        return properties.stream().filter(p -> p.name().equals(propertyName)).findFirst();
    }

    public Optional<Action> action(String actionName) {
        return actions.stream().filter(a -> a.name().equals(actionName) || a.command().equals(actionName))
                .findFirst();
    }

    public Optional<Connection> connection(int id) {
        return connections.stream().filter(c -> c.id() == id).findFirst();
    }

    /** A {@code <property>} (§1.3). Numbers of ranged types are in {@code minimum}/{@code maximum}, else null. */
    public record Property(String name, String type, String defaultValue, boolean readOnly, List<String> items,
                           Double minimum, Double maximum, String description) {
        public Property {
            items = List.copyOf(items);
        }
    }

    /** A parameter of a command or action. */
    public record Param(String name, String type, List<String> items, Double minimum, Double maximum) {
        public Param {
            items = List.copyOf(items);
        }
    }

    /** A {@code <command>} (§2.3), from {@code config/commands} or {@code commands}. */
    public record Command(String name, String description, List<Param> params) {
        public Command {
            params = List.copyOf(params);
        }
    }

    /** An {@code <action>}: running it sends {@code ExecuteCommand("LUA_ACTION", {ACTION = command, ...})}. */
    public record Action(String name, String command, List<Param> params) {
        public Action {
            params = List.copyOf(params);
        }
    }

    /**
     * A {@code <connection>} (a binding): {@code type} 1 control, 2 proxy, 3 audio/video, 4 network, 5 video,
     * 6 audio, 7 room.
     */
    public record Connection(int id, int type, String name, boolean consumer, List<String> classes,
                             List<Port> ports) {
        public static final int NETWORK = 4;

        public Connection {
            classes = List.copyOf(classes);
            ports = List.copyOf(ports);
        }
    }

    /** A {@code <port>} of a network connection; option names upper-case ({@code AUTO_CONNECT}, ...). */
    public record Port(int number, Map<String, String> options) {
        public Port {
            options = Map.copyOf(options);
        }
    }

    /** A {@code <proxy>}: its binding id (5001, 5002, ... when absent), type, name and primary flag. */
    public record Proxy(int bindingId, String type, String name, boolean primary) {
    }

    /** An {@code <event>}: {@code FireEvent(name)} finds its id here. */
    public record Event(int id, String name, String description) {
    }

    /** A {@code <conditional>} for {@code TestCondition}. */
    public record Conditional(int id, String name, String type, String trueText, String falseText) {
    }
}
