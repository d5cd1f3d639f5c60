package dev.c4j.api;

/** The asynchronous operation an {@code OnError} reports, with the name Lua sees as {@code op}. */
public enum NetOp {
    RESOLVE("resolve"), LISTEN("listen"), ACCEPT("accept"), CONNECT("connect"), READ("read"), WRITE("write");

    private final String luaName;

    NetOp(String luaName) {
        this.luaName = luaName;
    }

    public String luaName() {
        return luaName;
    }
}
