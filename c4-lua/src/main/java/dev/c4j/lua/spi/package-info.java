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
 *   <li>{@code byte[]} → string of exactly those bytes; {@link java.nio.ByteBuffer} → string of its remaining
 *       bytes (position untouched); {@link java.lang.String} → string of its UTF-8 bytes (texts only: messages,
 *       addresses; data is always bytes);</li>
 *   <li>{@link dev.c4j.lua.spi.LuaObject} → that very userdata; {@link dev.c4j.lua.spi.LuaValueRef} → the
 *       value it holds; {@link dev.c4j.lua.spi.LuaFunction} → a Lua function calling it;</li>
 *   <li>{@link dev.c4j.api.Endpoint} → a fresh table {@code {ip = ..., port = ...}};
 *       {@link java.util.List} → a fresh array table (1-based) of converted elements;
 *       {@link java.util.Map} with String keys → a fresh table;</li>
 *   <li>as a function result only: {@link dev.c4j.lua.spi.LuaFunction.Results} → several (or zero) values.</li>
 * </ul>
 * Lua strings cross as bytes in both directions, never through a Java String decode.
 *
 * <h2>Threads</h2>
 * A state is used only from its driver's loop (see {@link dev.c4j.api.DriverLoop}); adapters never call into
 * Lua from another thread, cleanup included. Collection notifications are posted to the loop.
 */
package dev.c4j.lua.spi;
