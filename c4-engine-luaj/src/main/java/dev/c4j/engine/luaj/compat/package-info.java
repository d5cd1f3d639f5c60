/**
 * LuaJ's emulation of C Lua 5.1.5, the engine of a Control4 controller: everything that makes a LuaJ 3.0.1 state
 * (a Lua 5.2 core) behave as 5.1 where a driver can see the difference, so that a driver gives the same results on
 * every c4j engine. Nothing here knows about drivers, sandboxes or our objects.
 *
 * <ul>
 *   <li>{@link dev.c4j.engine.luaj.compat.Lua51Compat}: numbers, {@code tostring} of objects, runtime error
 *       messages naming the variable, tail calls, the string library over bytes, {@code os.date}/{@code os.time},
 *       5.1's lenient string escapes. Part of it is LuaJ's own classes patched at build time by
 *       {@link dev.c4j.engine.luaj.compat.LuaJPatcher} (run from this module's pom), with
 *       {@link dev.c4j.engine.luaj.compat.LuaClosureHooks} as what the patched interpreter calls.</li>
 *   <li>{@link dev.c4j.engine.luaj.compat.Lua51}: the 5.1 functions 5.2 dropped ({@code unpack},
 *       {@code loadstring}, {@code setfenv}/{@code getfenv}, {@code newproxy}, ...) and 5.1's error values from
 *       {@code error}, {@code pcall}, {@code xpcall} and coroutines.</li>
 *   <li>{@link dev.c4j.engine.luaj.compat.LuajErrors}: LuaJ's errors read back into 5.1's texts and tracebacks.</li>
 *   <li>{@link dev.c4j.engine.luaj.compat.NestedCalls}: 5.1's {@code LUAI_MAXCCALLS} limit on nested
 *       {@code pcall}s and coroutine resumes ({@code C stack overflow}).</li>
 * </ul>
 */
package dev.c4j.engine.luaj.compat;
