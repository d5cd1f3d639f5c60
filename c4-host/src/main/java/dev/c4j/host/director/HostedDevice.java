package dev.c4j.host.director;

import dev.c4j.api.host.Device;
import dev.c4j.api.host.DirectorCall;
import dev.c4j.api.host.DriverManifest;
import dev.c4j.api.host.DriverPackage;
import dev.c4j.api.host.DriverPort;
import dev.c4j.api.host.EntryResult;
import dev.c4j.host.state.DriverState;
import dev.c4j.host.state.StateStore;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * One hosted driver's device in the simulated project: its properties, variables, events, persisted data and
 * the Director calls it makes (host spec §3). Its own state is touched on its loop; what other drivers and the
 * console read is kept in concurrent maps.
 */
final class HostedDevice implements Device {

    /** Variable types the docs list; others are added with a warning (§3.3). */
    private static final Set<String> VARIABLE_TYPES = Set.of("BOOL", "DEVICE", "FLOAT", "INT", "MEDIA", "NUMBER",
            "ROOM", "STRING", "STATE", "TIME", "ULONG", "XML", "LEVEL", "LIST");
    private static final int FIRST_VARIABLE_ID = 1001;
    private static final int MAX_EVENTS = 1000;
    private static final long UI_REQUEST_TIMEOUT_SECONDS = 10;

    final SimulatedDirector director;
    final int id;
    final DriverPackage driverPackage;
    final DriverManifest manifest;
    final DriverPort port;
    private final StateStore store;
    private final DriverState state;
    private final String initType;
    private final List<Integer> proxyIds = new ArrayList<>();

    final Map<String, String> properties = new ConcurrentHashMap<>();
    private final Map<String, Integer> propertyAttribs = new ConcurrentHashMap<>();
    private final Map<String, List<String>> propertyItems = new ConcurrentHashMap<>();
    /** By id, in id order. */
    final Map<Integer, DriverState.Variable> variables = new ConcurrentHashMap<>();
    private final Set<Integer> usedVariableIds = ConcurrentHashMap.newKeySet();
    private final Map<Integer, DriverManifest.Event> addedEvents = new ConcurrentHashMap<>();
    private final Set<Integer> deletedEvents = ConcurrentHashMap.newKeySet();
    final Map<Integer, Map<String, Object>> dynamicBindings = new ConcurrentHashMap<>();
    /** Network bindings (§4): their addresses and Director's side of their sockets. */
    final NetworkBindings network;
    /** Legacy server sockets (§6). */
    private final LegacyServers servers = new LegacyServers(this);
    private volatile String displayName;
    private volatile boolean allowExecute;
    private volatile boolean lateInitDone;
    private final List<String> pendingNotes = new CopyOnWriteArrayList<>();
    private final AtomicBoolean detached = new AtomicBoolean();
    /** Work the control surface posted to the loop and waits for (see {@link #track}). */
    private final Set<CompletableFuture<?>> pending = ConcurrentHashMap.newKeySet();

    HostedDevice(SimulatedDirector director, int id, DriverPackage driverPackage, Map<String, String> overrides,
                 DriverPort port, StateStore store, Map<Integer, String> bindingAddresses) {
        this.director = director;
        this.id = id;
        this.driverPackage = driverPackage;
        this.manifest = driverPackage.manifest();
        this.port = port;
        this.store = store;
        this.state = store.load(port::warning);
        this.initType = !store.persistent() ? "DIT_STARTUP"
                : state.version == null ? "DIT_ADDING"
                : state.version.equals(manifest.version()) ? "DIT_STARTUP" : "DIT_UPDATING";
        this.displayName = manifest.name();
        for (int i = 0; i < manifest.proxies().size(); i++) {
            proxyIds.add(id + 1 + i);
        }
        // Precedence at start (§1.3): an override, then the state store, then the default. On DIT_UPDATING the
        // same walk keeps surviving values, gives new properties their defaults and drops removed ones.
        for (DriverManifest.Property property : manifest.properties()) {
            String value = overrides.getOrDefault(property.name(),
                    state.properties.getOrDefault(property.name(), property.defaultValue()));
            properties.put(property.name(), value);
        }
        if (manifest.declared()) { // removed properties disappear from the state too: re-declared, they start over
            state.properties.keySet().removeIf(name -> manifest.property(name).isEmpty());
        }
        overrides.forEach((name, value) -> {
            if (!properties.containsKey(name)) {
                if (manifest.declared()) {
                    port.warning("--property " + name + ": driver.xml declares no such property; set anyway");
                }
                properties.put(name, value);
            }
        });
        for (DriverState.Variable variable : state.variables) {
            variables.put(variable.id(), variable);
            usedVariableIds.add(variable.id());
        }
        state.version = manifest.version();
        saveState();
        this.network = new NetworkBindings(this, bindingAddresses);
    }

    // ---- identity and project ----------------------------------------------------------------------------------

    @Override
    public int id() {
        return id;
    }

    @Override
    public DriverPackage driverPackage() {
        return driverPackage;
    }

    @Override
    public List<Integer> proxyIds() {
        return List.copyOf(proxyIds);
    }

    @Override
    public List<Integer> proxyIdsOf(int deviceId) {
        HostedDevice device = director.device(deviceId);
        return device == null ? List.of() : device.proxyIds();
    }

    @Override
    public Map<Integer, String> proxyDevicesByName(String proxyType) {
        Map<Integer, String> found = new TreeMap<>();
        for (HostedDevice device : director.devices()) {
            List<DriverManifest.Proxy> proxies = device.manifest.proxies();
            for (int i = 0; i < proxies.size(); i++) {
                if (proxies.get(i).type().equalsIgnoreCase(proxyType)) {
                    found.put(device.proxyIds.get(i), device.proxyName(i));
                }
            }
        }
        return found.isEmpty() ? null : found;
    }

    private String proxyName(int index) {
        DriverManifest.Proxy proxy = manifest.proxies().get(index);
        return proxy.name().isEmpty() ? displayName : proxy.name();
    }

    @Override
    public Map<Integer, String> devicesByC4iName(String driverFileName) {
        Map<Integer, String> found = new TreeMap<>();
        for (HostedDevice device : director.devices()) {
            if (device.driverPackage.fileName().equalsIgnoreCase(driverFileName)) {
                found.put(device.id, device.displayName);
            }
        }
        return found.isEmpty() ? null : found;
    }

    @Override
    public Map<Integer, Map<String, Object>> devices(List<String> c4iNames, List<Integer> deviceIds) {
        Map<Integer, Map<String, Object>> found = new TreeMap<>();
        for (HostedDevice device : director.devices()) {
            boolean nameMatches = c4iNames == null || c4iNames.stream()
                    .anyMatch(n -> n.equalsIgnoreCase(device.driverPackage.fileName()));
            if (nameMatches && (deviceIds == null || deviceIds.contains(device.id))) {
                Map<String, Object> entry = new LinkedHashMap<>();
                entry.put("driverFileName", device.driverPackage.fileName());
                entry.put("deviceName", device.displayName);
                entry.put("roomId", director.settings.roomId());
                entry.put("roomName", director.settings.roomName());
                found.put(device.id, entry);
            }
        }
        return found;
    }

    @Override
    public String displayName(int deviceId) {
        HostedDevice device = director.device(deviceId);
        if (device != null) {
            return device.displayName;
        }
        HostedDevice owner = director.proxyOwner(deviceId);
        return owner != null ? owner.proxyName(owner.proxyIds.indexOf(deviceId)) : "";
    }

    @Override
    public void renameDevice(int deviceId, String name) {
        HostedDevice device = director.device(deviceId);
        if (device == null) {
            warn("RenameDevice: no device " + deviceId + " in the project");
            return;
        }
        device.displayName = name;
    }

    @Override
    public String driverConfigInfo(String tag) {
        return manifest.configInfo().getOrDefault(tag, "");
    }

    @Override
    public String deviceData(int deviceId, String tag) {
        HostedDevice device = deviceId == 0 ? this : director.device(deviceId);
        if (device == null) {
            return "";
        }
        return tag == null ? device.manifest.deviceDataXml() : device.manifest.deviceData().getOrDefault(tag, "");
    }

    @Override
    public Map<String, String> versionInfo() {
        Map<String, String> info = new LinkedHashMap<>();
        info.put("version", director.settings.osVersion());
        info.put("buildtype", "RELEASE");
        info.put("builddate", "01 01 2025");
        info.put("buildtime", "12:00:00");
        return info;
    }

    @Override
    public String capability(String name) {
        return manifest.capabilities().get(name);
    }

    @Override
    public String projectProperty(String name) {
        return director.projectProperties.get(name);
    }

    @Override
    public String projectItems() {
        return director.projectItems();
    }

    @Override
    public int roomId() {
        return director.settings.roomId();
    }

    @Override
    public String controllerAddress() {
        return director.controllerAddress();
    }

    @Override
    public String uniqueMac() {
        return director.uniqueMac();
    }

    // ---- properties -------------------------------------------------------------------------------------------

    @Override
    public Map<String, String> properties() {
        Map<String, String> ordered = new LinkedHashMap<>();
        for (DriverManifest.Property property : manifest.properties()) {
            ordered.put(property.name(), properties.get(property.name()));
        }
        new TreeMap<>(properties).forEach(ordered::putIfAbsent);
        return ordered;
    }

    @Override
    public boolean updateProperty(String name, String value) {
        if (!knowsProperty(name)) {
            warn("UpdateProperty: no property '" + name + "' in driver.xml; Properties left unchanged");
            return false;
        }
        setPropertyValue(name, value);
        return true;
    }

    private boolean knowsProperty(String name) {
        return !manifest.declared() || properties.containsKey(name);
    }

    void setPropertyValue(String name, String value) {
        properties.put(name, value);
        state.properties.put(name, value);
        saveState();
    }

    @Override
    public void setPropertyAttribs(String name, int flag) {
        if (!knowsProperty(name)) {
            warn("SetPropertyAttribs: no property '" + name + "' in driver.xml");
            return;
        }
        propertyAttribs.put(name, flag);
    }

    @Override
    public boolean updatePropertyList(String name, List<String> items, String value) {
        if (!knowsProperty(name)) {
            warn("UpdatePropertyList: no property '" + name + "' in driver.xml");
            return false;
        }
        propertyItems.put(name, List.copyOf(items));
        if (value == null) {
            return false;
        }
        if (!items.contains(value)) {
            warn("UpdatePropertyList: value '" + value + "' is not among the items of '" + name + "'; set anyway");
        }
        setPropertyValue(name, value);
        return true;
    }

    /** The items a LIST or DYNAMIC_LIST property offers now: from UpdatePropertyList, else driver.xml. */
    List<String> propertyItems(DriverManifest.Property property) {
        return propertyItems.getOrDefault(property.name(), property.items());
    }

    // ---- variables ---------------------------------------------------------------------------------------------

    @Override
    public int addVariable(String name, int requestedId, String value, String type, boolean readOnly,
                           boolean hidden) {
        String variableName = requestedId > 0 ? Integer.toString(requestedId) : name;
        if (findVariable(variableName) != null || (requestedId > 0 && usedVariableIds.contains(requestedId))) {
            return -1; // B59: adding an existing name fails; the value stays
        }
        int variableId = requestedId > 0 ? requestedId : nextVariableId();
        if (!VARIABLE_TYPES.contains(type.toUpperCase(Locale.ROOT))) {
            warn("AddVariable: unknown variable type '" + type + "'; added anyway");
        }
        DriverState.Variable variable = new DriverState.Variable(variableId, variableName, value,
                type.toUpperCase(Locale.ROOT), readOnly, hidden);
        variables.put(variableId, variable);
        usedVariableIds.add(variableId);
        saveVariables();
        return variableId;
    }

    private int nextVariableId() {
        int candidate = FIRST_VARIABLE_ID;
        while (usedVariableIds.contains(candidate)) {
            candidate++;
        }
        return candidate;
    }

    /** A variable by name, or by id given as text. */
    DriverState.Variable findVariable(String ident) {
        for (DriverState.Variable variable : variables.values()) {
            if (variable.name().equals(ident)) {
                return variable;
            }
        }
        try {
            return variables.get(Integer.parseInt(ident));
        } catch (NumberFormatException e) {
            return null;
        }
    }

    @Override
    public String variableName(String ident) {
        DriverState.Variable variable = findVariable(ident);
        return variable == null ? null : variable.name();
    }

    @Override
    public boolean setVariable(String ident, String value) {
        DriverState.Variable variable = findVariable(ident);
        if (variable == null) {
            warn("SetVariable: no variable '" + ident + "'");
            return false;
        }
        changeVariable(variable, value);
        return true;
    }

    /** Sets the value and tells the watchers; the driver itself hears nothing here (§3.3). */
    void changeVariable(DriverState.Variable variable, String value) {
        DriverState.Variable changed = new DriverState.Variable(variable.id(), variable.name(), value,
                variable.type(), variable.readOnly(), variable.hidden());
        variables.put(variable.id(), changed);
        saveVariables();
        director.variableChanged(this, changed);
    }

    @Override
    public String deleteVariable(String ident) {
        DriverState.Variable variable = findVariable(ident);
        if (variable == null) {
            warn("DeleteVariable: no variable '" + ident + "'");
            return null;
        }
        variables.remove(variable.id()); // its id stays used for the run
        saveVariables();
        return variable.name();
    }

    @Override
    public Map<String, String> variables() {
        Map<String, String> byName = new LinkedHashMap<>();
        new TreeMap<>(variables).values().forEach(v -> byName.put(v.name(), v.value()));
        return byName;
    }

    @Override
    public String deviceVariable(int deviceId, String ident) {
        HostedDevice device = director.device(deviceId);
        DriverState.Variable variable = device == null ? null : device.findVariable(ident);
        return variable == null ? null : variable.value();
    }

    @Override
    public void setDeviceVariable(int deviceId, String ident, String value) {
        HostedDevice device = director.device(deviceId);
        if (device == null) {
            warn("SetDeviceVariable: no device " + deviceId + " in the project");
            return;
        }
        if (device == this) {
            setVariable(ident, value);
            return;
        }
        if (device.findVariable(ident) == null) { // checked here: the change itself runs on the owner's loop
            warn("SetDeviceVariable: device " + deviceId + " has no variable '" + ident + "'");
            return;
        }
        device.port.loop().execute(() -> device.setVariableFromOutside(ident, value));
    }

    /** A variable set by someone else: the model, the Variables table, then {@code OnVariableChanged(name, id)}. */
    EntryResult setVariableFromOutside(String ident, String value) {
        DriverState.Variable variable = findVariable(ident);
        if (variable == null) {
            throw new IllegalArgumentException("no variable '" + ident + "'");
        }
        changeVariable(variable, value);
        port.mirror("Variables", variable.name(), value);
        return director.callEntryPoint(this, "OnVariableChanged", variable.name(), variable.id());
    }

    @Override
    public Map<String, Map<String, Object>> deviceVariables(int deviceId) {
        HostedDevice device = director.device(deviceId);
        if (device == null) {
            return null;
        }
        Map<String, Map<String, Object>> result = new LinkedHashMap<>();
        for (DriverState.Variable v : new TreeMap<>(device.variables).values()) {
            Map<String, Object> entry = new LinkedHashMap<>();
            entry.put("name", v.name());
            entry.put("value", v.value());
            entry.put("type", v.type());
            entry.put("readonly", v.readOnly());
            entry.put("hidden", v.hidden());
            result.put(Integer.toString(v.id()), entry);
        }
        return result;
    }

    @Override
    public void registerVariableListener(int deviceId, String ident) {
        HostedDevice device = director.device(deviceId);
        DriverState.Variable variable = device == null ? null : device.findVariable(ident);
        if (variable == null) {
            warn("RegisterVariableListener: device " + deviceId + " has no variable '" + ident + "'; not watched");
            return;
        }
        director.watch(this, deviceId, variable.id());
        String value = variable.value();
        director.post(this, "OnWatchedVariableChanged", deviceId, variable.id(), value);
    }

    @Override
    public void unregisterVariableListener(int deviceId, String ident) {
        HostedDevice device = director.device(deviceId);
        DriverState.Variable variable = device == null ? null : device.findVariable(ident);
        if (variable != null) {
            director.unwatch(this, deviceId, variable.id());
        }
    }

    @Override
    public void unregisterAllVariableListeners() {
        director.unwatchAll(this);
    }

    private void saveVariables() {
        state.variables.clear();
        state.variables.addAll(new TreeMap<>(variables).values());
        saveState();
    }

    // ---- events ------------------------------------------------------------------------------------------------

    @Override
    public void fireEvent(String name) {
        Integer eventId = eventIdByName(name);
        if (eventId == null) {
            warn("FireEvent: no event named '" + name + "' in driver.xml or AddEvent");
            return;
        }
        fire(eventId);
    }

    @Override
    public void fireEventById(int eventId) {
        if (eventName(eventId) == null) {
            warn("FireEventByID: no event " + eventId + " in driver.xml or AddEvent");
            return;
        }
        fire(eventId);
    }

    private void fire(int eventId) {
        note("event " + eventId);
        if (!lateInitDone) {
            note("early"); // B51: the docs say events before OnDriverLateInit are not sent
            return;
        }
        director.deviceEventFired(this, eventId);
    }

    private Integer eventIdByName(String name) {
        for (DriverManifest.Event event : addedEvents.values()) {
            if (event.name().equals(name)) {
                return event.id();
            }
        }
        for (DriverManifest.Event event : manifest.events()) {
            if (event.name().equals(name) && !deletedEvents.contains(event.id())) {
                return event.id();
            }
        }
        return null;
    }

    private String eventName(int eventId) {
        DriverManifest.Event added = addedEvents.get(eventId);
        if (added != null) {
            return added.name();
        }
        return manifest.events().stream().filter(e -> e.id() == eventId && !deletedEvents.contains(e.id()))
                .map(DriverManifest.Event::name).findFirst().orElse(null);
    }

    @Override
    public boolean addEvent(int eventId, String name, String description) {
        if (!addedEvents.containsKey(eventId) && addedEvents.size() >= MAX_EVENTS) {
            return false;
        }
        addedEvents.put(eventId, new DriverManifest.Event(eventId, name,
                description.replace("NAME", displayName)));
        deletedEvents.remove(eventId);
        return true;
    }

    @Override
    public void deleteEvent(int eventId) {
        if (addedEvents.remove(eventId) == null) {
            deletedEvents.add(eventId);
        }
    }

    @Override
    public void registerDeviceEvent(int deviceId, int eventId) {
        director.subscribeDeviceEvent(this, deviceId, eventId, true);
    }

    @Override
    public void unregisterDeviceEvent(int deviceId, int eventId) {
        director.subscribeDeviceEvent(this, deviceId, eventId, false);
    }

    @Override
    public void unregisterAllDeviceEvents() {
        director.unsubscribeAllDeviceEvents(this);
    }

    @Override
    public void registerSystemEvent(int eventId, int deviceId) {
        director.subscribeSystemEvent(this, eventId, deviceId, true);
    }

    @Override
    public void unregisterSystemEvent(int eventId, int deviceId) {
        director.subscribeSystemEvent(this, eventId, deviceId, false);
    }

    @Override
    public void unregisterAllSystemEvents() {
        director.unsubscribeAllSystemEvents(this);
    }

    // ---- messages to proxies and devices ----------------------------------------------------------------------

    @Override
    public void sendToProxy(int bindingId, String command, Object params, String messageType) {
        // Proxies are simulated: the record is the message.
    }

    @Override
    public void sendToDevice(int deviceId, String command, Map<String, String> params) {
        HostedDevice target = director.device(deviceId);
        if (target != null) {
            director.post(target, "ExecuteCommand", command, params);
            return;
        }
        HostedDevice owner = director.proxyOwner(deviceId);
        if (owner != null) {
            int binding = owner.manifest.proxies().get(owner.proxyIds.indexOf(deviceId)).bindingId();
            director.post(owner, "ReceivedFromProxy", binding, command, params);
        }
    }

    @Override
    public Object sendUIRequest(int deviceId, String request, Map<String, String> params) {
        HostedDevice target = director.device(deviceId);
        if (target == null) {
            HostedDevice owner = director.proxyOwner(deviceId);
            target = owner;
        }
        if (target == null) {
            return director.scriptedUiAnswer(deviceId, request);
        }
        if (target == this) {
            return uiRequest(request, params).value(); // the caller's own device: called directly, nested (B57)
        }
        HostedDevice other = target;
        try {
            return director.onLoop(other, () -> other.uiRequest(request, params))
                    .get(UI_REQUEST_TIMEOUT_SECONDS, TimeUnit.SECONDS).value();
        } catch (java.util.concurrent.TimeoutException e) {
            warn("SendUIRequest: device " + deviceId + " did not answer within " + UI_REQUEST_TIMEOUT_SECONDS + " s");
            return null;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return null;
        } catch (java.util.concurrent.ExecutionException e) {
            warn("SendUIRequest: device " + deviceId + " failed: " + e.getCause().getMessage());
            return null;
        }
    }

    /** {@code UIRequest(request, params)}, or {@code ExecuteCommand} when the driver has no UIRequest (§2.4). */
    EntryResult uiRequest(String request, Map<String, String> params) {
        EntryResult result = director.callEntryPoint(this, "UIRequest", request, params);
        if (!result.handled()) {
            result = director.callEntryPoint(this, "ExecuteCommand", request, params);
        }
        return result;
    }

    // ---- bindings ----------------------------------------------------------------------------------------------

    @Override
    public Map<Integer, String> boundConsumerDevices(int deviceId, int bindingId) {
        Map<Integer, String> found = new TreeMap<>();
        for (SimulatedDirector.Binding b : director.bindings()) {
            if (b.providerDevice() == (deviceId == 0 ? id : deviceId) && b.providerBinding() == bindingId) {
                found.put(b.consumerDevice(), displayName(b.consumerDevice()));
            }
        }
        return found.isEmpty() ? null : found;
    }

    @Override
    public int boundProviderDevice(int deviceId, int bindingId) {
        for (SimulatedDirector.Binding b : director.bindings()) {
            if (b.consumerDevice() == (deviceId == 0 ? id : deviceId) && b.consumerBinding() == bindingId) {
                return b.providerDevice();
            }
        }
        return 0;
    }

    @Override
    public void bind(int providerDevice, int providerBinding, int consumerDevice, int consumerBinding,
                     String bindingClass) {
        director.bind(providerDevice, providerBinding, consumerDevice, consumerBinding, bindingClass);
    }

    @Override
    public void unbind(int consumerDevice, int consumerBinding) {
        director.unbind(consumerDevice, consumerBinding);
    }

    @Override
    public void addDynamicBinding(int bindingId, String type, boolean provider, String name, String bindingClass,
                                  boolean hidden, boolean autobind) {
        Map<String, Object> binding = new LinkedHashMap<>();
        binding.put("bindingid", bindingId);
        binding.put("name", name);
        binding.put("type", type.toUpperCase(Locale.ROOT).equals("PROXY") ? 2 : 1);
        binding.put("provider", provider);
        binding.put("class", bindingClass);
        dynamicBindings.put(bindingId, binding);
        // Its connections of an earlier run come back now that the driver added it again (§3.6), as bindings that
        // exist at startup: no OnBindingChanged.
        for (DriverState.Connection c : state.dynamicConnections.getOrDefault(bindingId, List.of())) {
            director.restore(c.provider()
                    ? new SimulatedDirector.Binding(id, bindingId, c.otherDevice(), c.otherBinding(), c.bindingClass())
                    : new SimulatedDirector.Binding(c.otherDevice(), c.otherBinding(), id, bindingId, c.bindingClass()));
        }
    }

    @Override
    public void removeDynamicBinding(int bindingId) {
        if (dynamicBindings.remove(bindingId) == null) {
            warn("RemoveDynamicBinding: no dynamic binding " + bindingId);
            return;
        }
        state.dynamicConnections.remove(bindingId);
        saveState();
        director.removeBindingsOf(id, bindingId);
    }

    /**
     * Keeps what is bound to the dynamic bindings the driver has now (§3.6); on this device's loop. The saved
     * connections of a dynamic binding it has not added again (yet) stay as they are.
     */
    void keepDynamicConnections() {
        boolean changed = false;
        for (int bindingId : dynamicBindings.keySet()) {
            List<DriverState.Connection> now = new ArrayList<>();
            for (SimulatedDirector.Binding b : director.bindings()) {
                if (b.providerDevice() == id && b.providerBinding() == bindingId) {
                    now.add(new DriverState.Connection(true, b.consumerDevice(), b.consumerBinding(), b.bindingClass()));
                } else if (b.consumerDevice() == id && b.consumerBinding() == bindingId) {
                    now.add(new DriverState.Connection(false, b.providerDevice(), b.providerBinding(), b.bindingClass()));
                }
            }
            if (!now.equals(state.dynamicConnections.get(bindingId))) {
                state.dynamicConnections.put(bindingId, List.copyOf(now));
                changed = true;
            }
        }
        if (changed) {
            saveState();
        }
    }

    @Override
    public Map<String, Object> bindingsByDevice(int deviceId) {
        HostedDevice device = director.device(deviceId == 0 ? id : deviceId);
        if (device == null) {
            return null;
        }
        List<Object> bindings = new ArrayList<>();
        for (DriverManifest.Connection c : device.manifest.connections()) {
            bindings.add(bindingEntry(device, c.id(), c.name(), c.type(), !c.consumer(), c.classes()));
        }
        for (Map<String, Object> d : device.dynamicBindings.values()) {
            bindings.add(bindingEntry(device, (Integer) d.get("bindingid"), (String) d.get("name"),
                    (Integer) d.get("type"), (Boolean) d.get("provider"), List.of((String) d.get("class"))));
        }
        Map<String, Object> result = new LinkedHashMap<>();
        result.put("deviceid", device.id);
        result.put("bindings", bindings);
        return result;
    }

    private Map<String, Object> bindingEntry(HostedDevice device, int bindingId, String name, int type,
                                             boolean provider, List<String> classes) {
        Map<String, Object> entry = new LinkedHashMap<>();
        entry.put("bindingid", bindingId);
        entry.put("name", name);
        entry.put("type", type);
        entry.put("provider", provider);
        entry.put("isbound", director.bindings().stream().anyMatch(b -> provider
                ? b.providerDevice() == device.id && b.providerBinding() == bindingId
                : b.consumerDevice() == device.id && b.consumerBinding() == bindingId));
        List<Object> classList = new ArrayList<>();
        for (String c : classes) {
            classList.add(Map.of("class", c));
        }
        entry.put("bindingclasses", classList);
        return entry;
    }

    // ---- network bindings (§4) and legacy server sockets (§6) -------------------------------------------------

    @Override
    public void createNetworkConnection(int bindingId, String address, String type) {
        network.create(bindingId, address, type);
    }

    @Override
    public void netPortOptions(int bindingId, int port, String type, Map<String, String> options) {
        network.portOptions(bindingId, port, type, options);
    }

    @Override
    public void netConnect(int bindingId, int port, String type) {
        network.connect(bindingId, port, type);
    }

    @Override
    public void netDisconnect(int bindingId, int port) {
        network.disconnect(bindingId, port);
    }

    @Override
    public void sendToNetwork(int bindingId, int port, ByteBuffer data) {
        network.send(bindingId, port, data);
    }

    @Override
    public String bindingAddress(int bindingId) {
        return network.address(bindingId);
    }

    @Override
    public void setBindingAddress(int bindingId, String address) {
        network.setAddress(bindingId, address);
    }

    @Override
    public String createServer(int port, byte[] delimiter, boolean udp, String identifier) {
        return servers.create(port, delimiter, udp, identifier);
    }

    @Override
    public void destroyServer(Integer port) {
        servers.destroy(port);
    }

    @Override
    public void serverSend(long handle, ByteBuffer data) {
        servers.send(handle, data);
    }

    @Override
    public void serverSendDatagram(int port, ByteBuffer data, String address) {
        servers.sendDatagram(port, data, address);
    }

    @Override
    public void serverCloseClient(long handle) {
        servers.closeClient(handle);
    }

    /** Posts an entry point to a later turn (H4), unless the driver has stopped by then (N8). */
    void postEntryPoint(String entryPoint, Object... args) {
        port.loop().execute(() -> {
            if (!detached.get()) {
                director.callEntryPoint(this, entryPoint, args);
            }
        });
    }

    // ---- persistence -------------------------------------------------------------------------------------------

    @Override
    public Map<Object, Object> persistData() {
        return state.persistData;
    }

    @Override
    public void savePersistData(Map<Object, Object> data) {
        if (!data.equals(state.persistData)) {
            state.persistData = data;
            saveState();
        }
    }

    @Override
    public void persistSetValue(String name, Object value, boolean encrypted) {
        state.persistValues.put(name, new DriverState.PersistEntry(value, encrypted));
        saveState();
    }

    @Override
    public Object persistGetValue(String name, boolean encrypted) {
        DriverState.PersistEntry entry = state.persistValues.get(name);
        return entry == null || entry.encrypted() != encrypted ? null : entry.value();
    }

    @Override
    public void persistDeleteValue(String name) {
        if (state.persistValues.remove(name) != null) {
            saveState();
        }
    }

    @Override
    public void persistDeleteAll() {
        state.persistValues.clear();
        saveState();
    }

    @Override
    public void registrySetValue(Object key, Object value) {
        director.registry.put(key, value);
    }

    @Override
    public Object registryGetValue(Object key) {
        return director.registry.get(key);
    }

    @Override
    public void registryDeleteValue(Object key) {
        director.registry.remove(key);
    }

    private void saveState() {
        store.save(state);
    }

    // ---- the rest ----------------------------------------------------------------------------------------------

    @Override
    public void allowExecute(boolean allowed) {
        allowExecute = allowed;
    }

    boolean allowsExecute() {
        return allowExecute;
    }

    Map<String, Integer> propertyAttribs() {
        return Map.copyOf(propertyAttribs);
    }

    String name() {
        return driverPackage.name();
    }

    @Override
    public String initType() {
        return initType;
    }

    @Override
    public java.nio.file.Path fileSandbox() {
        return store.directory().resolve("files");
    }

    @Override
    public void lateInitDone() {
        lateInitDone = true;
    }

    @Override
    public void started() {
        network.autoConnect(); // N2: right after OnDriverLateInit returns, with the addresses it may have set
    }

    @Override
    public DirectorCall record(String function, List<Object> args, Object result) {
        List<String> notes = List.copyOf(pendingNotes);
        pendingNotes.clear();
        return director.record(this, function, args, result, notes);
    }

    @Override
    public void warn(String text) {
        port.warning(text);
        pendingNotes.add(text);
    }

    @Override
    public void note(String text) {
        pendingNotes.add(text);
    }

    /**
     * Keeps {@code future} until it completes; if the driver stops first (its loop then drops the work), it fails
     * with an {@link IllegalStateException} instead of never completing.
     */
    <T> CompletableFuture<T> track(CompletableFuture<T> future) {
        if (detached.get()) {
            future.completeExceptionally(stoppedError());
            return future;
        }
        pending.add(future);
        future.whenComplete((value, error) -> pending.remove(future));
        if (detached.get()) { // stopped meanwhile: detach may have missed it
            future.completeExceptionally(stoppedError());
        }
        return future;
    }

    private IllegalStateException stoppedError() {
        return new IllegalStateException("driver " + name() + " has stopped");
    }

    @Override
    public void detach() {
        if (detached.getAndSet(true)) {
            return; // a start that failed detaches, and the stop after it again
        }
        network.abandonAll();
        servers.abandonAll();
        for (CompletableFuture<?> future : List.copyOf(pending)) {
            future.completeExceptionally(stoppedError());
        }
        director.detach(this);
        store.save(state);
        store.close();
    }
}
