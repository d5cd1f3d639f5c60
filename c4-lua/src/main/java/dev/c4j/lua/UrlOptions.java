package dev.c4j.lua;

import dev.c4j.api.ByteString;
import dev.c4j.api.OpaqueValue;
import dev.c4j.api.http.HttpOptions;

import java.io.IOException;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The options of one transfer as a driver sets them (host spec 5.2): {@code url:SetOption(name, value)},
 * {@code url:SetOptions(table)} or the legacy calls' options table; kept as given, and turned into
 * {@link HttpOptions} when the transfer starts. Certificate files are read from the driver package then; a missing
 * one reads as empty, so that the transfer fails with libcurl's code for a bad certificate file.
 */
final class UrlOptions {

    private static final Set<String> BOOLEANS = Set.of("fail_on_error", "ssl_verify_peer", "ssl_verify_host",
            "response_headers_duplicates", "cookies_enable", "cookies_use_jar", "cookies_save_to_jar",
            "cookies_clear_session");
    private static final Set<String> SECONDS = Set.of("timeout", "connect_timeout");
    private static final Set<String> TEXTS = Set.of("ssl_cabundle", "ssl_cert", "ssl_cert_type", "ssl_key",
            "ssl_passwd");
    private static final String FILE_LIST = "ssl_cacerts";

    private final Map<String, Object> values = new LinkedHashMap<>();

    /**
     * Sets option {@code name} to {@code value} (a plain copy of the Lua value); returns why not (an unknown name,
     * or what the value should have been, in Lua's words: "boolean expected, got string"), else null.
     */
    String set(String name, Object value) {
        String expected = BOOLEANS.contains(name) ? "boolean" : SECONDS.contains(name) ? "number"
                : TEXTS.contains(name) ? "string" : FILE_LIST.equals(name) ? "table" : null;
        if (expected == null) {
            return "unknown option '" + name + "'";
        }
        boolean fits = switch (expected) {
            case "boolean" -> value instanceof Boolean;
            case "number" -> value instanceof Double;
            case "string" -> value instanceof ByteString || value instanceof Double;
            default -> value instanceof Map;
        };
        if (!fits) {
            return expected + " expected, got " + luaType(value);
        }
        values.put(name, value);
        return null;
    }

    /** {@code response_headers_duplicates}. */
    boolean headerDuplicates() {
        return flag("response_headers_duplicates", false);
    }

    /** The options for a transfer; {@code defaultTimeout} is {@code urlSetTimeout}'s value, else 300 s. */
    HttpOptions build(DriverContext ctx, Duration defaultTimeout) {
        HttpOptions.Builder options = HttpOptions.builder()
                .failOnError(flag("fail_on_error", true))
                .timeout(seconds("timeout", defaultTimeout))
                .connectTimeout(seconds("connect_timeout", HttpOptions.DEFAULT_CONNECT_TIMEOUT))
                .verifyPeer(flag("ssl_verify_peer", true))
                .verifyHost(flag("ssl_verify_host", true))
                .cookies(new HttpOptions.Cookies(flag("cookies_enable", false), flag("cookies_use_jar", true),
                        flag("cookies_save_to_jar", true), flag("cookies_clear_session", false)));
        if (values.containsKey("ssl_cabundle")) {
            options.caBundle(packageFile(ctx, text("ssl_cabundle")));
        }
        if (values.get(FILE_LIST) instanceof Map<?, ?> files) {
            for (Object file : files.values()) {
                options.addCaCert(packageFile(ctx, HostValues.text(file)));
            }
        }
        if (values.containsKey("ssl_cert")) {
            options.clientCertificate(new HttpOptions.ClientCertificate(packageFile(ctx, text("ssl_cert")),
                    values.containsKey("ssl_cert_type") ? text("ssl_cert_type") : "PEM",
                    values.containsKey("ssl_key") ? packageFile(ctx, text("ssl_key")) : null,
                    values.containsKey("ssl_passwd") ? text("ssl_passwd") : null));
        }
        return options.build();
    }

    private boolean flag(String name, boolean absent) {
        return values.get(name) instanceof Boolean b ? b : absent;
    }

    private Duration seconds(String name, Duration absent) {
        return values.get(name) instanceof Double seconds
                ? Duration.ofNanos((long) (Math.max(0, seconds) * 1e9)) : absent;
    }

    private String text(String name) {
        return HostValues.text(values.get(name));
    }

    /** A file of the driver package (the option names one); empty when there is none. */
    private static byte[] packageFile(DriverContext ctx, String name) {
        if (name.startsWith("/") || name.contains("..")) {
            return new byte[0];
        }
        try {
            return ctx.driverPackage().file(name).orElse(new byte[0]);
        } catch (IOException e) {
            return new byte[0];
        }
    }

    private static String luaType(Object value) {
        if (value == null) {
            return "nil";
        }
        if (value instanceof Boolean) {
            return "boolean";
        }
        if (value instanceof Double) {
            return "number";
        }
        if (value instanceof ByteString) {
            return "string";
        }
        if (value instanceof Map || value instanceof List) {
            return "table";
        }
        return value instanceof OpaqueValue opaque && opaque != OpaqueValue.CYCLE
                ? opaque.name().toLowerCase(Locale.ROOT) : "userdata";
    }
}
