package dev.c4j.api;

/** An address and port, as DriverWorks hands them to Lua: {@code { ip = "127.0.0.1", port = 8080 }}. */
public record Endpoint(String ip, int port) {
    @Override
    public String toString() {
        return ip.indexOf(':') >= 0 ? "[" + ip + "]:" + port : ip + ":" + port;
    }
}
