package dev.c4j.api.host;

import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

/**
 * Drives a running driver as Composer and Director would (host spec §2.5): one control surface behind the
 * testkit, the console and embedding applications. Each verb posts its work to the driver's loop and completes
 * after the entry point it caused has returned, with that entry point's {@link EntryResult}. Callable from any
 * thread.
 */
public interface DriverControl {

    /** A snapshot of the driver as the console shows it (name, engine, ids, properties, variables, ...). */
    DriverInfo info();

    /**
     * Sets a property from outside, then {@code OnPropertyChanged(name)}. Unless {@code force}: read-only
     * properties, values outside a {@code LIST}'s items or a range are refused.
     *
     * @throws IllegalArgumentException (in the future) for an undeclared property, read-only, or a bad value
     */
    CompletableFuture<EntryResult> setProperty(String name, String value, boolean force);

    /** {@code ExecuteCommand(name, params)}. */
    CompletableFuture<EntryResult> command(String name, Map<String, String> params);

    /** An action of driver.xml by name (or command): {@code ExecuteCommand("LUA_ACTION", {ACTION = ...})}. */
    CompletableFuture<EntryResult> action(String name, Map<String, String> params);

    /** {@code ReceivedFromProxy(binding, command, params)}. */
    CompletableFuture<EntryResult> proxy(int bindingId, String command, Map<String, String> params);

    /** {@code UIRequest(request, params)}; without one, {@code ExecuteCommand} (§2.4). */
    CompletableFuture<EntryResult> uiRequest(String request, Map<String, String> params);

    /** {@code TestCondition(name, params)}. */
    CompletableFuture<EntryResult> testCondition(String name, Map<String, String> params);

    /** {@code GetCommandParamList(command, param)}: the items Composer offers for a {@code DYNAMIC_LIST} parameter. */
    CompletableFuture<EntryResult> commandParamList(String command, String param);

    /** Binds a provider to a consumer binding; hosted ends get {@code OnBindingChanged}. */
    CompletableFuture<EntryResult> bind(int providerDevice, int providerBinding, int consumerDevice,
                                        int consumerBinding, String bindingClass);

    CompletableFuture<EntryResult> unbind(int consumerDevice, int consumerBinding);

    /**
     * A network binding's address from outside (Composer's Network tab): {@code OnNetworkBindingChanged(id,
     * address ~= "")}, then its auto-connect ports connect to the new address (host spec N2). An id that is no
     * network binding of the driver fails the future with an {@link IllegalArgumentException}.
     */
    CompletableFuture<EntryResult> setBindingAddress(int bindingId, String address);

    /** A variable of this driver set from outside: {@code OnVariableChanged(name, id)}. */
    CompletableFuture<EntryResult> setVariable(String name, String value, boolean force);

    /** A variable of another device: its watchers get {@code OnWatchedVariableChanged}. */
    CompletableFuture<EntryResult> setDeviceVariable(int deviceId, String ident, String value);

    /** {@code OnSystemEvent(data)} when the driver registered for it. */
    CompletableFuture<EntryResult> systemEvent(String name, int deviceId, String data);

    /** {@code OnDeviceEvent(device, eventId)} when the driver registered for it. */
    CompletableFuture<EntryResult> deviceEvent(int deviceId, int eventId);

    /** {@code OnDriverRemovedFromProject()}, then the driver stops. */
    CompletableFuture<EntryResult> remove();

    /** This driver's entries of the Director record after sequence {@code afterSeq}. */
    List<DirectorCall> calls(long afterSeq);

    /** What {@link #info()} answers. */
    record DriverInfo(String name, String engine, int deviceId, List<Integer> proxyIds,
                      Map<String, String> properties, Map<String, String> variables, DriverManifest manifest) {
    }
}
