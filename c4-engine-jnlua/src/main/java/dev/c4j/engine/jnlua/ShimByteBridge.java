package dev.c4j.engine.jnlua;

import java.nio.ByteBuffer;

/** The fast exact path: {@code lua_pushlstring}/{@code lua_tolstring} of the engine's own library, through the shim. */
final class ShimByteBridge implements ByteBridge {
    private final long pushlstring;
    private final long tolstring;

    ShimByteBridge(long pushlstring, long tolstring) {
        this.pushlstring = pushlstring;
        this.tolstring = tolstring;
    }

    @Override
    public void push(long L, byte[] bytes, int offset, int length) {
        ByteShim.pushArray(pushlstring, L, bytes, offset, length);
    }

    @Override
    public void push(long L, ByteBuffer direct, int offset, int length) {
        ByteShim.pushDirect(pushlstring, L, direct, offset, length);
    }

    @Override
    public int copyString(long L, int index, ByteBuffer target, int offset, int room) {
        return ByteShim.copyString(tolstring, L, index, target, offset, room);
    }
}
