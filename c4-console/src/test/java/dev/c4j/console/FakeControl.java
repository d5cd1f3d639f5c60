package dev.c4j.console;

import dev.c4j.api.host.DirectorCall;
import dev.c4j.api.host.DriverControl;
import dev.c4j.api.host.DriverManifest;
import dev.c4j.api.host.EntryResult;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Supplier;

/**
 * A DriverControl that records each verb it is asked, as {@code verb(arg, ...)}, and answers what the test set up.
 * It never runs a driver: the console under test only ever sees its futures.
 */
final class FakeControl implements DriverControl {

    final List<String> requests = new CopyOnWriteArrayList<>();
    final List<DirectorCall> record = new CopyOnWriteArrayList<>();
    volatile DriverManifest manifest = Manifests.declared();
    volatile Map<String, String> properties = new LinkedHashMap<>(Map.of("Port", "2323"));
    private volatile Supplier<CompletableFuture<EntryResult>> answer =
            () -> CompletableFuture.completedFuture(EntryResult.returned(null));

    /** Every verb answers {@code result} at once. */
    void answer(EntryResult result) {
        answer = () -> CompletableFuture.completedFuture(result);
    }

    /** Every verb answers a future the test completes (a driver whose callback has not returned yet). */
    CompletableFuture<EntryResult> answerLater() {
        CompletableFuture<EntryResult> later = new CompletableFuture<>();
        answer = () -> later;
        return later;
    }

    /** Every verb's future fails with {@code failure}. */
    void fail(Throwable failure) {
        answer = () -> CompletableFuture.failedFuture(failure);
    }

    /** Every verb throws {@code refusal} before it returns a future. */
    void refuse(RuntimeException refusal) {
        answer = () -> {
            throw refusal;
        };
    }

    void recordCalls(int count) {
        for (int i = record.size() + 1; i <= count; i++) {
            record.add(new DirectorCall(i, 1000L * i, "fake", "UpdateProperty", List.of("Port", 2300.0 + i),
                    true, List.of()));
        }
    }

    private CompletableFuture<EntryResult> ask(String verb, Object... args) {
        List<String> texts = new ArrayList<>();
        for (Object arg : args) {
            texts.add(String.valueOf(arg));
        }
        requests.add(verb + "(" + String.join(", ", texts) + ")");
        return answer.get();
    }

    @Override
    public DriverInfo info() {
        return new DriverInfo("fake", "luaj", 100, List.of(101, 102), properties, Map.of("LEVEL", "5"), manifest);
    }

    @Override
    public CompletableFuture<EntryResult> setProperty(String name, String value, boolean force) {
        return ask("setProperty", name, value, force);
    }

    @Override
    public CompletableFuture<EntryResult> command(String name, Map<String, String> params) {
        return ask("command", name, params);
    }

    @Override
    public CompletableFuture<EntryResult> action(String name, Map<String, String> params) {
        return ask("action", name, params);
    }

    @Override
    public CompletableFuture<EntryResult> proxy(int bindingId, String command, Map<String, String> params) {
        return ask("proxy", bindingId, command, params);
    }

    @Override
    public CompletableFuture<EntryResult> uiRequest(String request, Map<String, String> params) {
        return ask("uiRequest", request, params);
    }

    @Override
    public CompletableFuture<EntryResult> testCondition(String name, Map<String, String> params) {
        return ask("testCondition", name, params);
    }

    @Override
    public CompletableFuture<EntryResult> commandParamList(String command, String param) {
        return ask("commandParamList", command, param);
    }

    @Override
    public CompletableFuture<EntryResult> bind(int providerDevice, int providerBinding, int consumerDevice,
                                               int consumerBinding, String bindingClass) {
        return ask("bind", providerDevice, providerBinding, consumerDevice, consumerBinding, bindingClass);
    }

    @Override
    public CompletableFuture<EntryResult> unbind(int consumerDevice, int consumerBinding) {
        return ask("unbind", consumerDevice, consumerBinding);
    }

    @Override
    public CompletableFuture<EntryResult> setBindingAddress(int bindingId, String address) {
        return ask("setBindingAddress", bindingId, address);
    }

    @Override
    public CompletableFuture<EntryResult> setVariable(String name, String value, boolean force) {
        return ask("setVariable", name, value, force);
    }

    @Override
    public CompletableFuture<EntryResult> setDeviceVariable(int deviceId, String ident, String value) {
        return ask("setDeviceVariable", deviceId, ident, value);
    }

    @Override
    public CompletableFuture<EntryResult> systemEvent(String name, int deviceId, String data) {
        return ask("systemEvent", name, deviceId, data);
    }

    @Override
    public CompletableFuture<EntryResult> deviceEvent(int deviceId, int eventId) {
        return ask("deviceEvent", deviceId, eventId);
    }

    @Override
    public CompletableFuture<EntryResult> remove() {
        return ask("remove");
    }

    @Override
    public List<DirectorCall> calls(long afterSeq) {
        return record.stream().filter(call -> call.seq() > afterSeq).toList();
    }
}
