package dev.c4j.testkit;

import dev.c4j.api.host.DirectorCall;
import org.assertj.core.api.AbstractAssert;

import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Predicate;

/**
 * AssertJ assertions on the Director calls a driver made, in the words of DriverWorks:
 *
 * <pre>{@code
 * import static dev.c4j.testkit.DirectorAssert.assertThat;
 *
 * assertThat(driver).updatedProperty("Status", "Connected")
 *                   .sentToProxy(5001, "ON")
 *                   .firedEvent("Ring");
 * }</pre>
 *
 * Each assertion looks at every call so far; a failure lists them all.
 */
public final class DirectorAssert extends AbstractAssert<DirectorAssert, TestDriver> {

    private DirectorAssert(TestDriver driver) {
        super(driver, DirectorAssert.class);
    }

    public static DirectorAssert assertThat(TestDriver driver) {
        return new DirectorAssert(driver);
    }

    /** {@code C4:UpdateProperty(name, value)} was called (value as text). */
    public DirectorAssert updatedProperty(String name, String value) {
        return made("UpdateProperty(" + name + ", " + value + ")",
                c -> c.function().equals("UpdateProperty") && name.equals(c.arg(0)) && text(c.arg(1)).equals(value));
    }

    /** {@code C4:SendToProxy(binding, command, ...)} was called. */
    public DirectorAssert sentToProxy(int bindingId, String command) {
        return made("SendToProxy(" + bindingId + ", " + command + ")", c -> c.function().equals("SendToProxy")
                && number(c.arg(0)) == bindingId && command.equals(c.arg(1)));
    }

    /** {@code C4:SendToProxy(binding, command, params)} was called with exactly these parameters (as text). */
    public DirectorAssert sentToProxy(int bindingId, String command, Map<String, String> params) {
        return made("SendToProxy(" + bindingId + ", " + command + ", " + params + ")",
                c -> c.function().equals("SendToProxy") && number(c.arg(0)) == bindingId
                        && command.equals(c.arg(1)) && textMap(c.arg(2)).equals(params));
    }

    /** {@code C4:FireEvent(name)} was called. */
    public DirectorAssert firedEvent(String name) {
        return made("FireEvent(" + name + ")", c -> c.function().equals("FireEvent") && name.equals(c.arg(0)));
    }

    /** {@code C4:SetVariable(name, value)} was called. */
    public DirectorAssert setVariable(String name, String value) {
        return made("SetVariable(" + name + ", " + value + ")", c -> c.function().equals("SetVariable")
                && name.equals(text(c.arg(0))) && value.equals(text(c.arg(1))));
    }

    /** {@code C4:function(args...)} was called with these first arguments (compared as text). */
    public DirectorAssert called(String function, Object... args) {
        return made(function + List.of(args), c -> {
            if (!c.function().equals(function)) {
                return false;
            }
            for (int i = 0; i < args.length; i++) {
                if (!text(args[i]).equals(text(c.arg(i)))) {
                    return false;
                }
            }
            return true;
        });
    }

    /** No call of {@code function} was made. */
    public DirectorAssert neverCalled(String function) {
        isNotNull();
        List<DirectorCall> calls = actual.calls();
        if (calls.stream().anyMatch(c -> c.function().equals(function))) {
            failWithMessage("expected driver %s to make no call of %s, but it made: %s", actual.driver().name(),
                    function, describe(calls));
        }
        return this;
    }

    private DirectorAssert made(String expected, Predicate<DirectorCall> matches) {
        isNotNull();
        List<DirectorCall> calls = actual.calls();
        if (calls.stream().noneMatch(matches)) {
            failWithMessage("expected driver %s on %s to call %s, but its calls were:%s", actual.driver().name(),
                    actual.engine(), expected, describe(calls));
        }
        return this;
    }

    private static String describe(List<DirectorCall> calls) {
        StringBuilder text = new StringBuilder();
        for (DirectorCall call : calls) {
            text.append("\n  #").append(call.seq()).append(' ').append(call.function()).append(call.args());
            if (!call.notes().isEmpty()) {
                text.append(" ").append(call.notes());
            }
        }
        return calls.isEmpty() ? " (none)" : text.toString();
    }

    /** A recorded argument as text, numbers the way Lua prints them ({@code 5001}, not {@code 5001.0}). */
    private static String text(Object value) {
        if (value instanceof Double d && d == Math.rint(d) && Math.abs(d) < 1e15) {
            return Long.toString(d.longValue());
        }
        return Objects.toString(value);
    }

    private static double number(Object value) {
        return value instanceof Number n ? n.doubleValue() : Double.NaN;
    }

    private static Map<String, String> textMap(Object value) {
        java.util.Map<String, String> map = new java.util.TreeMap<>();
        if (value instanceof Map<?, ?> m) {
            m.forEach((k, v) -> map.put(text(k), text(v)));
        }
        return map;
    }
}
