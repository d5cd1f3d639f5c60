package dev.c4j.api;

/** Socket options a driver may set with {@code Option(name, value[, extra])}. */
public enum TcpOption {
    /** SO_REUSEADDR; servers only; on by default. */
    REUSEADDR("reuseaddr", true, false),
    /** SO_LINGER with a timeout in seconds; servers and clients. */
    LINGER("linger", true, true),
    /** SO_KEEPALIVE; clients only. */
    KEEPALIVE("keepalive", false, true),
    /** TCP_NODELAY; clients only. */
    NODELAY("nodelay", false, true);

    private final String luaName;
    private final boolean forServers;
    private final boolean forClients;

    TcpOption(String luaName, boolean forServers, boolean forClients) {
        this.luaName = luaName;
        this.forServers = forServers;
        this.forClients = forClients;
    }

    public String luaName() {
        return luaName;
    }

    public boolean forServers() {
        return forServers;
    }

    public boolean forClients() {
        return forClients;
    }

    /** True for options whose Lua form needs the {@code extra} argument. */
    public boolean needsExtra() {
        return this == LINGER;
    }
}
