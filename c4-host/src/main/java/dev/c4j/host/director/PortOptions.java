package dev.c4j.host.director;

import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * The options of one (network binding, port) (host spec §4.1), by their {@code NetPortOptions} names, values as
 * text. Booleans read {@code true} in any case (as driver.xml's do); an option not given is false.
 */
record PortOptions(Map<String, String> values) {

    /**
     * A port first named by {@code NetPortOptions} or {@code NetConnect}: the vendor's sample values (auto-connect
     * off; keep-connection, monitor and keep-alive on; no delimiter; verify none).
     */
    static final PortOptions SAMPLE = new PortOptions(Map.of("AUTO_CONNECT", "false", "KEEP_CONNECTION", "true",
            "MONITOR_CONNECTION", "true", "KEEP_ALIVE", "true", "VERIFY_MODE", "none"));

    PortOptions {
        values = Map.copyOf(values);
    }

    /** These options with {@code given} on top; names in any case, {@code VERIFY_METHOD} read as {@code METHOD}. */
    PortOptions with(Map<String, String> given) {
        Map<String, String> merged = new LinkedHashMap<>(values);
        given.forEach((name, value) -> {
            String key = name.toUpperCase(Locale.ROOT);
            merged.put(key.equals("VERIFY_METHOD") ? "METHOD" : key, value);
        });
        return new PortOptions(merged);
    }

    boolean autoConnect() {
        return flag("AUTO_CONNECT");
    }

    boolean keepConnection() {
        return flag("KEEP_CONNECTION");
    }

    boolean keepAlive() {
        return flag("KEEP_ALIVE");
    }

    boolean mirrorUdpPort() {
        return flag("MIRROR_UDP_PORT");
    }

    /** {@code PROTECTED}: the private key is encrypted; {@code GetPrivateKeyPassword} gives its password. */
    boolean keyProtected() {
        return flag("PROTECTED");
    }

    /** {@code VERIFY_MODE peer}: check the server's certificate; anything else (the default {@code none}) does not. */
    boolean verifyPeer() {
        return text("VERIFY_MODE").equalsIgnoreCase("peer");
    }

    /** A package file named by {@code CERTIFICATE}, {@code PRIVATE_KEY} or {@code CACERTFILE}, or null. */
    String file(String option) {
        String name = text(option);
        return name.isEmpty() ? null : name;
    }

    /**
     * {@code DELIMITER}, given in hex ({@code "0d0a"}): its bytes; empty for none.
     *
     * @throws IllegalArgumentException when it is not hex
     */
    byte[] delimiter() {
        String hex = values.getOrDefault("DELIMITER", ""); // untrimmed: a raw "\r\n" is no hex, not "none"
        try {
            return HexFormat.of().parseHex(hex);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("DELIMITER '" + hex + "' is not hex (e.g. 0d0a)");
        }
    }

    private boolean flag(String name) {
        return text(name).equalsIgnoreCase("true");
    }

    private String text(String name) {
        return values.getOrDefault(name, "").trim();
    }
}
