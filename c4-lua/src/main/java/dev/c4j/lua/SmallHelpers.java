package dev.c4j.lua;

import dev.c4j.api.ByteString;
import dev.c4j.lua.spi.LuaFunction;

import java.util.Locale;
import java.util.Map;

/** {@code C4:ParseIso8601DateTime} (spec 7.7), {@code C4:EvaluateExpression} and {@code C4:CallAsync} (3.8). */
final class SmallHelpers {

    private SmallHelpers() {
    }

    static void register(DriverContext ctx, Map<String, LuaFunction> c4) {
        c4.put("ParseIso8601DateTime", frame -> {
            Args args = Args.method(frame, "ParseIso8601DateTime");
            Iso8601.Moment moment = Iso8601.parse(args.checkString(1), args.toBoolean(2));
            return moment == null ? LuaFunction.Results.NONE // nothing at all on failure
                    : LuaFunction.Results.of(moment.t(), moment.epochSeconds(), moment.microseconds());
        });
        c4.put("EvaluateExpression", frame -> evaluate(Args.method(frame, "EvaluateExpression")));
        c4.put("CallAsync", frame -> {
            Args args = Args.method(frame, "CallAsync");
            args.checkFunction(1);
            ctx.callLater(frame.ref(args.index(1)));
            return LuaFunction.Results.NONE;
        });
    }

    /**
     * {@code EvaluateExpression(logic, a, b)}: a {@code LOGIC} of spec 2.4 (any case) applied numerically when both
     * convert to numbers, else to the strings' bytes. An unknown logic is an argument error [CHOICE].
     */
    private static boolean evaluate(Args args) {
        String logic = args.checkString(1).toUpperCase(Locale.ROOT);
        Double x = args.frame().toNumber(args.index(2));
        Double y = args.frame().toNumber(args.index(3));
        int order = x != null && y != null ? (x < y ? -1 : x > y ? 1 : 0)
                : ByteString.of(args.checkBytes(2)).compareTo(ByteString.of(args.checkBytes(3)));
        return switch (logic) {
            case "EQUAL" -> order == 0;
            case "NOT_EQUAL" -> order != 0;
            case "LESS_THAN" -> order < 0;
            case "LESS_THAN_OR_EQUAL" -> order <= 0;
            case "GREATER_THAN" -> order > 0;
            case "GREATER_THAN_OR_EQUAL" -> order >= 0;
            default -> throw args.error(1, "unknown logic '" + logic + "'");
        };
    }
}
