package dev.c4j.runtime;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URL;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;

/**
 * Which engine to use. Precedence: explicit (CLI {@code --engine}, {@link C4Runtime.Builder#engine}) &gt; system
 * property {@code c4.engine} &gt; environment variable {@code C4_ENGINE} &gt; {@code c4.properties} on the
 * classpath (key {@code c4.engine}) &gt; {@link Engines#DEFAULT}. Blank values count as unset.
 */
public final class EngineConfig {

    public static final String PROPERTY = "c4.engine";
    public static final String ENVIRONMENT_VARIABLE = "C4_ENGINE";
    public static final String PROPERTIES_RESOURCE = "c4.properties";

    /** The chosen engine name and where it came from, for messages ({@code origin} is null when explicit). */
    public record Selection(String name, String origin) {
    }

    private EngineConfig() {
    }

    /** The selection from {@code explicit} (may be null) and this process's real configuration sources. */
    public static Selection resolve(String explicit) {
        return resolve(explicit, System.getProperty(PROPERTY), System.getenv(), classpathProperties());
    }

    /** The pure rule: the first non-blank source wins. Names are trimmed and lower-cased. */
    public static Selection resolve(String explicit, String systemProperty, Map<String, String> environment,
                                    Properties classpathProperties) {
        if (isSet(explicit)) {
            return selection(explicit, null);
        }
        if (isSet(systemProperty)) {
            return selection(systemProperty, "system property " + PROPERTY);
        }
        String fromEnvironment = environment.get(ENVIRONMENT_VARIABLE);
        if (isSet(fromEnvironment)) {
            return selection(fromEnvironment, "environment variable " + ENVIRONMENT_VARIABLE);
        }
        String fromProperties = classpathProperties.getProperty(PROPERTY);
        if (isSet(fromProperties)) {
            return selection(fromProperties, PROPERTIES_RESOURCE + " on the classpath");
        }
        return new Selection(Engines.DEFAULT, "default");
    }

    private static boolean isSet(String value) {
        return value != null && !value.isBlank();
    }

    private static Selection selection(String value, String origin) {
        // Lower-casing is our choice: "LuaJIT" in an environment variable should just work.
        return new Selection(value.trim().toLowerCase(Locale.ROOT), origin);
    }

    /** {@code c4.properties} from the context class loader (else ours); empty when there is none. */
    static Properties classpathProperties() {
        ClassLoader loader = Thread.currentThread().getContextClassLoader();
        if (loader == null) {
            loader = EngineConfig.class.getClassLoader();
        }
        Properties properties = new Properties();
        URL resource = loader.getResource(PROPERTIES_RESOURCE);
        if (resource != null) {
            try (InputStream in = resource.openStream()) {
                properties.load(in);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read " + resource, e);
            }
        }
        return properties;
    }
}
