/**
 * The DriverWorks semantics: what a Control4 driver sees in Lua ({@code C4}, {@code C4LuaTcpServer},
 * {@code C4LuaTcpClient}, timers, {@code C4:url()}, {@code c4json}, the Director calls), written once over the
 * engine SPI ({@code dev.c4j.lua.spi}) and the platform contract ({@code dev.c4j.api}), so that every engine runs a
 * driver alike.
 *
 * <p>Main types: {@link dev.c4j.lua.Driver}, the public face (start, stop, entry points); {@code DriverContext},
 * what the parts of one driver share and the one way Java calls into Lua; {@code C4Api}, which installs the
 * globals of a fresh state; the Lua objects, each a {@code LuaPeer} with its {@code Methods} declared once
 * ({@code ServerObject}, {@code ClientObject}, {@code TimerObject}, {@code UrlObject}); {@code Args}, argument checks
 * with Lua 5.1's messages; {@code RecordedCalls}, the Director calls recorded for tests.
 *
 * <p>Rules:
 * <ul>
 *   <li>One driver = one Lua state = one loop thread: the state is used only on the driver's
 *       {@link dev.c4j.api.DriverLoop} (or a thread standing in for it while the loop waits), so nothing here
 *       locks or checks threads.</li>
 *   <li>Lua strings are bytes, not Strings: data crosses as {@link java.nio.ByteBuffer}, {@code byte[]} or
 *       {@link dev.c4j.api.ByteString}; {@link java.lang.String} is for texts (names, messages, addresses).</li>
 *   <li>Errors keep C Lua 5.1's wording ({@code bad argument #1 to 'Listen' (string expected, got nil)}); calls
 *       the vendor advises against during {@code OnDriverInit} work and warn once per API.</li>
 *   <li>Nothing here names an engine or Netty: those stay behind {@code dev.c4j.lua.spi} and {@code dev.c4j.api}.
 *   </li>
 * </ul>
 */
package dev.c4j.lua;
