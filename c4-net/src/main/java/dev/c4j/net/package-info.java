/**
 * The Netty implementation of c4-api: {@link dev.c4j.net.NettyPlatform} gives each driver its own single-threaded
 * event loop with its timers and sockets; {@link dev.c4j.net.NetModule} binds it for Guice.
 *
 * <p>Threading: every object of a driver is used from its loop thread, or from a thread the loop thread is parked
 * for (LuaJ coroutines, see {@link dev.c4j.api.DriverLoop}). Object state is therefore kept in plain fields, and
 * every Netty channel operation made on behalf of an API call goes through {@link dev.c4j.api.DriverLoop#io} so
 * that it keeps call order whichever of those threads made the call.
 */
package dev.c4j.net;
