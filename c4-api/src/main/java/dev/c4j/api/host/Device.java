package dev.c4j.api.host;

import java.nio.ByteBuffer;
import java.util.List;
import java.util.Map;

/**
 * What one hosted driver may ask of Director (host spec §3), answered from the simulated project. Every method
 * runs on the driver's loop, updates the model before it returns (rule H3), and posts any entry point it causes
 * to a later loop turn (rule H4). Arguments arrive already converted by the Lua face (rule H7: text as text,
 * numbers per H8); a value merely unknown to the model gives a {@linkplain #warn warning}, never an exception.
 * Recording is the caller's: the Lua face {@linkplain #record records} each call once, with its arguments.
 */
public interface Device {

    // ---- identity and project (§3.1) ------------------------------------------------------------------------

    int id();

    DriverPackage driverPackage();

    /** This driver's proxy device ids, in {@code <proxies>} order. */
    List<Integer> proxyIds();

    /** Proxy ids of device {@code deviceId}; empty for unknown devices. */
    List<Integer> proxyIdsOf(int deviceId);

    /** {@code {[proxyId] = name}} of this project's proxies of {@code proxyType}; null when none. */
    Map<Integer, String> proxyDevicesByName(String proxyType);

    /** {@code {[deviceId] = name}} of devices whose driver file matches (case-insensitive); null when none. */
    Map<Integer, String> devicesByC4iName(String driverFileName);

    /**
     * {@code {[deviceId] = {driverFileName, deviceName, roomId, roomName, proxies or protocol}}} filtered by
     * driver file names and device ids (null: no filter).
     */
    Map<Integer, Map<String, Object>> devices(List<String> c4iNames, List<Integer> deviceIds);

    /** The display name of {@code deviceId}; {@code ""} when unknown. */
    String displayName(int deviceId);

    void renameDevice(int deviceId, String name);

    /** {@code GetDriverConfigInfo}: see {@link DriverManifest#configInfo()}; {@code ""} when absent. */
    String driverConfigInfo(String tag);

    /** {@code GetDeviceData(id[, tag])}; {@code ""} when absent. */
    String deviceData(int deviceId, String tag);

    /** {@code GetVersionInfo()}: version, buildtype, builddate, buildtime. */
    Map<String, String> versionInfo();

    String capability(String name);

    String projectProperty(String name);

    String projectItems();

    int roomId();

    String controllerAddress();

    String uniqueMac();

    // ---- properties (§3.2) -------------------------------------------------------------------------------------

    /** The current value of every property, in manifest order (plus undeclared ones a bare driver was given). */
    Map<String, String> properties();

    /** {@code UpdateProperty}: true when the property exists and now holds {@code value}. */
    boolean updateProperty(String name, String value);

    void setPropertyAttribs(String name, int flag);

    /** {@code UpdatePropertyList}; true when {@code value} was given and set. */
    boolean updatePropertyList(String name, List<String> items, String value);

    // ---- variables (§3.3) --------------------------------------------------------------------------------------

    /** {@code AddVariable}: the new variable's id, or -1 when the name or id exists. */
    int addVariable(String name, int id, String value, String type, boolean readOnly, boolean hidden);

    /** The variable's name by name or id text, or null when this driver has no such variable. */
    String variableName(String ident);

    /** {@code SetVariable}; false when there is no such variable. */
    boolean setVariable(String ident, String value);

    /** {@code DeleteVariable}; the name removed, or null. */
    String deleteVariable(String ident);

    /** {@code Variables}: name to value. */
    Map<String, String> variables();

    /** {@code GetVariable}/{@code GetDeviceVariable}: a variable of any device by name or id text; null when none. */
    String deviceVariable(int deviceId, String ident);

    /** {@code SetDeviceVariable}. */
    void setDeviceVariable(int deviceId, String ident, String value);

    /** {@code GetDeviceVariables}: {@code {["1001"] = {name, value, type, readonly, hidden}}}; null when unknown. */
    Map<String, Map<String, Object>> deviceVariables(int deviceId);

    void registerVariableListener(int deviceId, String ident);

    void unregisterVariableListener(int deviceId, String ident);

    void unregisterAllVariableListeners();

    // ---- events (§3.4) -----------------------------------------------------------------------------------------

    void fireEvent(String name);

    void fireEventById(int id);

    boolean addEvent(int id, String name, String description);

    void deleteEvent(int id);

    void registerDeviceEvent(int deviceId, int eventId);

    void unregisterDeviceEvent(int deviceId, int eventId);

    void unregisterAllDeviceEvents();

    void registerSystemEvent(int eventId, int deviceId);

    void unregisterSystemEvent(int eventId, int deviceId);

    void unregisterAllSystemEvents();

    // ---- proxies and devices (§3.5) --------------------------------------------------------------------------

    /** Recorded only; {@code params} already filtered of empty values unless allowed. */
    void sendToProxy(int bindingId, String command, Object params, String messageType);

    void sendToDevice(int deviceId, String command, Map<String, String> params);

    /** {@code SendUIRequest}: the target's answer, or null. */
    Object sendUIRequest(int deviceId, String request, Map<String, String> params);

    // ---- bindings (§3.6) ---------------------------------------------------------------------------------------

    /** {@code {[deviceId] = name}} bound to provider binding {@code bindingId} of {@code deviceId}; null when none. */
    Map<Integer, String> boundConsumerDevices(int deviceId, int bindingId);

    /** The device bound to consumer binding {@code bindingId} of {@code deviceId}, 0 when none. */
    int boundProviderDevice(int deviceId, int bindingId);

    void bind(int providerDevice, int providerBinding, int consumerDevice, int consumerBinding, String bindingClass);

    void unbind(int consumerDevice, int consumerBinding);

    void addDynamicBinding(int bindingId, String type, boolean provider, String name, String bindingClass,
                           boolean hidden, boolean autobind);

    void removeDynamicBinding(int bindingId);

    /** {@code GetBindingsByDevice}. */
    Map<String, Object> bindingsByDevice(int deviceId);

    // ---- network bindings (§4) -------------------------------------------------------------------------------

    /** {@code CreateNetworkConnection}: addresses a binding (and sets its class when {@code type} is not null). */
    void createNetworkConnection(int bindingId, String address, String type);

    /** {@code NetPortOptions}: the options of (binding, port) for its next connect; {@code type} may be null. */
    void netPortOptions(int bindingId, int port, String type, Map<String, String> options);

    /** {@code NetConnect}; {@code type} (or null) applies to a port without options. */
    void netConnect(int bindingId, int port, String type);

    void netDisconnect(int bindingId, int port);

    /** {@code SendToNetwork}: {@code data} is valid during the call only. */
    void sendToNetwork(int bindingId, int port, ByteBuffer data);

    /** {@code GetBindingAddress}: {@code ""} for a network binding without one, null for an unknown id. */
    String bindingAddress(int bindingId);

    /** {@code SetBindingAddress} by the driver itself: no {@code OnNetworkBindingChanged}, no reconnect. */
    void setBindingAddress(int bindingId, String address);

    // ---- legacy server sockets (§6) --------------------------------------------------------------------------

    /**
     * {@code CreateServer}: listening (or bound, for UDP) before it returns; null on success, else why not
     * (e.g. {@code "Address already in use"}). {@code delimiter} is empty for none.
     */
    String createServer(int port, byte[] delimiter, boolean udp, String identifier);

    /** {@code DestroyServer([port])}: the server on {@code port}, or every server when null. */
    void destroyServer(Integer port);

    /** {@code ServerSend(handle, data)} on a TCP connection; {@code data} is valid during the call only. */
    void serverSend(long handle, ByteBuffer data);

    /** {@code ServerSend(port, data, address)}: one datagram from this driver's UDP server to address:port. */
    void serverSendDatagram(int port, ByteBuffer data, String address);

    /** {@code ServerCloseClient(handle)}: closes once the queued bytes are sent. */
    void serverCloseClient(long handle);

    // ---- persistence (§3.7) ------------------------------------------------------------------------------------

    /** The {@code PersistData} saved last (a plain table), or an empty map. */
    Map<Object, Object> persistData();

    /** Saves {@code PersistData} when it differs from what was saved last. */
    void savePersistData(Map<Object, Object> data);

    void persistSetValue(String name, Object value, boolean encrypted);

    /** A fresh copy, or null (also for an entry written with the other {@code encrypted} flag). */
    Object persistGetValue(String name, boolean encrypted);

    void persistDeleteValue(String name);

    void persistDeleteAll();

    void registrySetValue(Object key, Object value);

    Object registryGetValue(Object key);

    void registryDeleteValue(Object key);

    // ---- the rest (§3.8) ---------------------------------------------------------------------------------------

    void allowExecute(boolean allowed);

    /** The init type for the lifecycle entry points (rule H11): {@code DIT_ADDING}, {@code DIT_STARTUP} or {@code DIT_UPDATING}. */
    String initType();

    // ---- the record (H1) and warnings (H7) -------------------------------------------------------------------

    /** Appends a call of this driver to the record, with the warnings issued since the last record. */
    DirectorCall record(String function, List<Object> args, Object result);

    /** A warning about the call in progress: to the driver's messages, and as a note of its record. */
    void warn(String text);

    /** A note (not a warning) for the call in progress, e.g. {@code "early"}. */
    void note(String text);

    /** The driver's files sandbox folder (§7.5), inside its state; the caller creates it when first needed. */
    java.nio.file.Path fileSandbox();

    /** {@code OnDriverLateInit} is about to run: events are no longer early (H9, B51: "not before OnDriverLateInit"). */
    void lateInitDone();

    /** {@code OnDriverLateInit} returned: the auto-connect ports of addressed network bindings connect now (N2). */
    void started();

    /** The driver's stop: final saves, listeners dropped. */
    void detach();
}
