package dev.c4j.lua;

import dev.c4j.api.Timer;
import dev.c4j.lua.spi.LuaFunction;

/**
 * A {@code C4LuaTimer} from {@code C4:SetTimer(delay, fn[, repeat])} (spec 6.1): one-shot {@code fn(timer)},
 * repeating {@code fn(timer, skips)}. Scheduled timers are pinned, so a driver may drop the object.
 */
final class TimerObject extends LuaPeer {

    static final String TYPE = "C4LuaTimer";

    private static final int TASK = 0;

    static final Methods<TimerObject> METHODS = new Methods<>(TimerObject.class, TYPE)
            .method("Cancel", (self, args) -> {
                self.cancel();
                return LuaFunction.Results.NONE;
            });

    private final boolean repeating;
    private Timer timer;

    private TimerObject(DriverContext ctx, boolean repeating) {
        super(ctx);
        this.repeating = repeating;
        attach(ctx.timerType);
    }

    /** {@code C4:SetTimer(delay, fn[, repeat])}. */
    static Object setTimer(DriverContext ctx, Args args) {
        ctx.checkInitTime("SetTimer");
        double delay = args.checkNumber(1);
        args.checkFunction(2);
        boolean repeat = args.toBoolean(3);
        if (!(delay > 0) || Double.isInfinite(delay)) { // CHOICE (A27): a bad delay is an error, not nil
            throw args.error(1, "delay must be a positive number");
        }
        long millis = (long) Math.ceil(delay); // CHOICE (A42): fractions round up to whole milliseconds
        TimerObject peer = new TimerObject(ctx, repeat);
        peer.object.setHandler(TASK, args.frame(), args.index(2));
        peer.timer = ctx.environment.timers().start(millis, repeat, (timer, skips) -> peer.expired(skips));
        return peer.object;
    }

    private void expired(long skips) {
        if (repeating) {
            ctx.invoke(this, TASK, (Object) skips);
        } else {
            ctx.invoke(this, TASK); // one-shot: fn(timer), no second argument
        }
    }

    private void cancel() {
        timer.cancel();
        ctx.touch(this);
    }

    @Override
    boolean busy() {
        return timer != null && timer.isActive();
    }

    @Override
    String handlerName(int slot) {
        return "the function";
    }
}
