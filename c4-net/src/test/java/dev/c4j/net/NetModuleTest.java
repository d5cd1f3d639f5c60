package dev.c4j.net;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.inject.Guice;
import com.google.inject.Injector;
import dev.c4j.api.DriverClock;
import dev.c4j.api.DriverEnvironment;
import dev.c4j.api.Platform;
import org.junit.jupiter.api.Test;

class NetModuleTest {

    @Test
    void bindsOneNettyPlatform() {
        Injector injector = Guice.createInjector(new NetModule());
        Platform platform = injector.getInstance(Platform.class);
        try {
            assertThat(platform).isInstanceOf(NettyPlatform.class).isSameAs(injector.getInstance(Platform.class));
            assertThat(((NettyPlatform) platform).transport()).isEqualTo(NettyTransport.best());
            DriverEnvironment first = platform.open("one", DriverClock.system());
            DriverEnvironment second = platform.open("two", DriverClock.system());
            assertThat(first.loop()).isNotSameAs(second.loop());
            first.close();
            first.close(); // idempotent
        } finally {
            platform.close(); // closes "two"
        }
    }
}
