package dev.c4j.runtime;

import dev.c4j.runtime.EngineConfig.Selection;
import org.junit.jupiter.api.Test;

import java.util.Map;
import java.util.Properties;

import static org.assertj.core.api.Assertions.assertThat;

class EngineConfigTest {

    private static final Map<String, String> ENV_JNLUA = Map.of("C4_ENGINE", "jnlua");
    private static final Map<String, String> NO_ENV = Map.of();

    private static Properties properties(String engine) {
        Properties p = new Properties();
        p.setProperty("c4.engine", engine);
        return p;
    }

    @Test
    void explicitChoiceWinsOverEverything() {
        assertThat(EngineConfig.resolve("luajit", "jnlua", ENV_JNLUA, properties("jnlua")))
                .isEqualTo(new Selection("luajit", null));
    }

    @Test
    void systemPropertyWinsOverEnvironmentAndProperties() {
        assertThat(EngineConfig.resolve(null, "luajit", ENV_JNLUA, properties("luaj")))
                .isEqualTo(new Selection("luajit", "system property c4.engine"));
    }

    @Test
    void environmentWinsOverProperties() {
        assertThat(EngineConfig.resolve(null, null, ENV_JNLUA, properties("luajit")))
                .isEqualTo(new Selection("jnlua", "environment variable C4_ENGINE"));
    }

    @Test
    void classpathPropertiesWinOverTheDefault() {
        assertThat(EngineConfig.resolve(null, null, NO_ENV, properties("luajit")))
                .isEqualTo(new Selection("luajit", "c4.properties on the classpath"));
    }

    @Test
    void defaultIsLuaj() {
        assertThat(EngineConfig.resolve(null, null, NO_ENV, new Properties()))
                .isEqualTo(new Selection("luaj", "default"));
    }

    @Test
    void blankValuesCountAsUnset() {
        assertThat(EngineConfig.resolve(" ", "", Map.of("C4_ENGINE", "  "), properties("jnlua")).name())
                .isEqualTo("jnlua");
    }

    @Test
    void namesAreTrimmedAndLowerCased() {
        assertThat(EngineConfig.resolve(" LuaJIT ", null, NO_ENV, new Properties()).name()).isEqualTo("luajit");
    }

    @Test
    void unrelatedEnvironmentVariablesAreIgnored() {
        assertThat(EngineConfig.resolve(null, null, Map.of("C4_ENGINES", "jnlua"), new Properties()).name())
                .isEqualTo("luaj");
    }

    @Test
    void realSourcesResolveWithoutAnExplicitChoice() {
        // This build sets none of the sources, so the real resolution is the default (or whatever the
        // developer configured, which must then be a known name).
        assertThat(Engines.names()).contains(EngineConfig.resolve(null).name());
    }
}
