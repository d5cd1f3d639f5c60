package dev.c4j.lua;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The declaration rules of {@link Methods}; the methods' behaviour in Lua is tested in c4-testkit on every engine. */
class MethodsTest {

    @Test
    void handlerNamesComeFromTheDeclarations() {
        assertThat(ClientObject.METHODS.handlerName(2)).isEqualTo("OnRead");
        assertThat(ServerObject.METHODS.handlerName(2)).isEqualTo("OnAccept");
        assertThat(ClientObject.METHODS.functions()).containsKeys("Write", "ReadUntil", "OnRead", "Option");
    }

    @Test
    void aNameDeclaredTwiceIsRefused() {
        Methods<TimerObject> methods = new Methods<>(TimerObject.class, TimerObject.TYPE)
                .method("Cancel", (self, args) -> null);
        assertThatThrownBy(() -> methods.lateInitMethod("Cancel", (self, args) -> null))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("'Cancel' twice");
    }

    @Test
    void twoHandlersInOneSlotAreRefused() {
        Methods<TimerObject> methods = new Methods<>(TimerObject.class, TimerObject.TYPE).handler("OnA", 0);
        assertThatThrownBy(() -> methods.handler("OnB", 0))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("slot 0");
    }
}
