package dev.c4j.api;

import java.util.Locale;
import java.util.function.Consumer;
import java.util.regex.Pattern;

/**
 * Which destinations a driver may reach (the runner's {@code --network any|loopback}). Decided on the host name
 * or address as the driver gave it, before any name lookup, so that under {@link #loopbackOnly} no DNS query and
 * no packet leaves for another host. Public drivers call licence servers and clouds; tests run them safely this way.
 */
public interface EgressPolicy {

    /** Everything may be reached. */
    EgressPolicy ANY = new EgressPolicy() {
        @Override
        public boolean permits(String host) {
            return true;
        }

        @Override
        public void refused(String host, String service) {
        }
    };

    /** Whether an outbound connection to {@code host} (a name or an IP literal) may be attempted. */
    boolean permits(String host);

    /** Reports a refused destination (one line for the user). */
    void refused(String host, String service);

    /**
     * Only 127.0.0.0/8 and ::1 (as literals, {@code localhost}, or the special names {@code !local},
     * {@code !loopback}); each refusal is reported to {@code refusals}.
     */
    static EgressPolicy loopbackOnly(Consumer<String> refusals) {
        Pattern ipv4Loopback = Pattern.compile("127\\.\\d{1,3}\\.\\d{1,3}\\.\\d{1,3}");
        return new EgressPolicy() {
            @Override
            public boolean permits(String host) {
                String h = host.trim().toLowerCase(Locale.ROOT);
                if (h.startsWith("[") && h.endsWith("]")) {
                    h = h.substring(1, h.length() - 1);
                }
                return ipv4Loopback.matcher(h).matches() || h.equals("::1") || h.equals("0:0:0:0:0:0:0:1")
                        || h.equals("localhost") || h.equals("!local") || h.equals("!loopback");
            }

            @Override
            public void refused(String host, String service) {
                refusals.accept("network policy loopback: refused a connection to " + host + ":" + service
                        + " (not a loopback address; run with --network any to allow it)");
            }
        };
    }
}
