/**
 * The native engines: PUC Lua 5.1 ({@link dev.c4j.engine.jnlua.Lua51Engine}, {@code jnlua}) and LuaJIT
 * ({@link dev.c4j.engine.jnlua.LuajitEngine}, {@code luajit}) through LuaJava 4.0.2, bound by
 * {@link dev.c4j.engine.jnlua.Lua51Module} and {@link dev.c4j.engine.jnlua.LuajitModule}.
 *
 * <h2>Shape</h2>
 * The SPI is implemented once ({@code NativeLuaState} and friends) over LuaJava's common {@code LuaNatives},
 * i.e. the Lua 5.1 C API both engines share; Java works the stack directly. What needs Lua itself lives in the
 * trusted {@code runtime.lua}: the sandbox, the weak {@code objects} table (id → userdata) and the strong
 * {@code pinned} one, handlers in each userdata's environment table (so the collector sees cycles through
 * them), the tail-calling dispatcher, the message handler producing {@code {message, traceback}}, and
 * {@code handlerParams}. Our userdata come from {@code newproxy} with one protected metatable per type; never
 * LuaJava's Java-object wrappers (a new userdata per push).
 *
 * <h2>Bytes</h2>
 * LuaJava 4.0.2 pushes strings only through JNI's modified UTF-8 and reads each through a new direct buffer.
 * The JNI shim ({@code src/main/c/c4j_bytes.c}, built by Maven with gcc into
 * {@code native/linux-x86_64/libc4jbytes.so}) calls {@code lua_pushlstring}/{@code lua_tolstring} of the already
 * loaded engine library; without it ({@code -Dc4j.jnlua.pushShim=false}, no gcc at build time, another
 * platform) the pure-Java bridge pushes exactly through a loaded {@code return "..."} chunk.
 *
 * <h2>Threads and collection</h2>
 * A state is used only by the thread that opened it (others get an {@link java.lang.IllegalStateException}).
 * Nothing registers a cleaner; LuaJava has no thread of its own either (its reference queue is polled only by
 * its value API, which we do not use). {@code __gc} only records and posts {@code collected()} to the loop.
 * Every operation that can raise a Lua error runs under {@code lua_pcall}: an error must never unwind through
 * JNI frames.
 */
package dev.c4j.engine.jnlua;
