package dev.c4j.net;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * TCP service names to ports, from /etc/services (names and aliases, exact spelling as getservbyname), with a
 * small built-in table when that file is absent. Read once, off the loop, on first use.
 */
final class Services {

    private static final Path ETC_SERVICES = Path.of("/etc/services");
    private static final Map<String, Integer> FALLBACK =
            Map.of("ftp", 21, "ssh", 22, "telnet", 23, "smtp", 25, "http", 80, "https", 443);

    private final Path file;
    private Map<String, Integer> table; // guarded by this

    Services() {
        this(ETC_SERVICES);
    }

    Services(Path file) {
        this.file = file;
    }

    /** The port of a TCP service name, or -1 when unknown. Blocking (reads the file once). */
    synchronized int port(String name) {
        if (table == null) {
            table = load(file);
        }
        return table.getOrDefault(name, -1);
    }

    private static Map<String, Integer> load(Path file) {
        List<String> lines;
        try {
            lines = Files.readAllLines(file, StandardCharsets.ISO_8859_1);
        } catch (IOException e) {
            return FALLBACK;
        }
        Map<String, Integer> ports = new HashMap<>();
        for (String line : lines) {
            int hash = line.indexOf('#');
            String[] words = (hash >= 0 ? line.substring(0, hash) : line).trim().split("\\s+");
            if (words.length < 2 || !words[1].endsWith("/tcp")) {
                continue;
            }
            int port;
            try {
                port = Integer.parseInt(words[1].substring(0, words[1].length() - 4));
            } catch (NumberFormatException e) {
                continue;
            }
            for (int i = 0; i < words.length; i++) {
                if (i != 1) {
                    ports.putIfAbsent(words[i], port);
                }
            }
        }
        return ports;
    }
}
