/**
 * The engine SPI: what a Lua engine adapter implements so that the DriverWorks semantics in
 * {@code dev.c4j.lua} run on it unchanged. An adapter only marshals values and calls; it decides nothing
 * about DriverWorks.
 *
 * <h2>Values between Java and Lua</h2>
 * Java values handed to Lua (results of a {@link dev.c4j.lua.spi.LuaFunction}, arguments of
 * {@link dev.c4j.lua.spi.LuaObject#invoke}, entries of tables) convert as follows:
 * <ul>
 *   <li>{@code null} → nil; {@link java.lang.Boolean} → boolean; {@link java.lang.Number} → number;</li>
 *   <li>{@code byte[]} and {@link dev.c4j.api.ByteString} → string of exactly those bytes;
 *       {@link java.nio.ByteBuffer} → string of its remaining bytes (position untouched); {@link java.lang.String}
 *       → string of its UTF-8 bytes (texts only: messages, addresses; data is always bytes);</li>
 *   <li>{@link dev.c4j.lua.spi.LuaObject} → that very userdata; {@link dev.c4j.lua.spi.LuaValueRef} → the
 *       value it holds; {@link dev.c4j.lua.spi.LuaFunction} → a Lua function calling it;</li>
 *   <li>{@link dev.c4j.api.Endpoint} → a fresh table {@code {ip = ..., port = ...}};
 *       {@link java.util.List} → a fresh array table (1-based) of converted elements;
 *       {@link java.util.Map} → a fresh table whose keys keep their type: {@link java.lang.String} and
 *       {@link dev.c4j.api.ByteString} keys become strings, {@link java.lang.Number} keys numbers (NaN keys are
 *       left out), {@link java.lang.Boolean} keys booleans; entries whose key or value is an
 *       {@link dev.c4j.api.OpaqueValue} are left out;</li>
 *   <li>{@link dev.c4j.api.OpaqueValue} → nil;</li>
 *   <li>as a function result only: {@link dev.c4j.lua.spi.LuaFunction.Results} → several (or zero) values.</li>
 * </ul>
 * Lua strings cross as bytes in both directions, never through a Java String decode.
 *
 * <h2>Lua values in Java: plain copies</h2>
 * {@link dev.c4j.lua.spi.LuaFrame#toValue}, {@link dev.c4j.lua.spi.LuaState#getGlobal} and
 * {@link dev.c4j.lua.spi.LuaState#toValue} copy a Lua value, deeply, into plain Java that outlives the call:
 * <ul>
 *   <li>nil (and none) → {@code null}; boolean → {@link java.lang.Boolean}; number → {@link java.lang.Double};
 *       string → {@link dev.c4j.api.ByteString} (every byte);</li>
 *   <li>table → a fresh mutable {@link java.util.LinkedHashMap}{@code <Object, Object>} in the order the engine's
 *       {@code next} gives, raw (no metamethods), keys copied by the same rules: a table used as a key, and any
 *       key that copies to an {@link dev.c4j.api.OpaqueValue}, leaves its entry out;</li>
 *   <li>one of our objects ({@link dev.c4j.lua.spi.LuaState#newObject}) → its peer;</li>
 *   <li>function → {@link dev.c4j.api.OpaqueValue#FUNCTION}, other userdata (light or full) →
 *       {@link dev.c4j.api.OpaqueValue#USERDATA}, coroutine → {@link dev.c4j.api.OpaqueValue#THREAD};</li>
 *   <li>a table met again inside itself (a cycle), or nested deeper than {@value dev.c4j.lua.spi.LuaFrame#MAX_COPY_DEPTH}
 *       levels → {@link dev.c4j.api.OpaqueValue#CYCLE}. A table shared twice without a cycle is copied twice.</li>
 * </ul>
 * Copying never calls Lua code and never raises a Lua error.
 *
 * <h2>Threads</h2>
 * A state is used only from its driver's loop (see {@link dev.c4j.api.DriverLoop}); adapters never call into
 * Lua from another thread, cleanup included. Collection notifications are posted to the loop.
 */
package dev.c4j.lua.spi;
