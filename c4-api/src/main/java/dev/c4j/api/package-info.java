/**
 * What a driver runs on, as pure Java: the contract between the DriverWorks semantics ({@code dev.c4j.lua}) and
 * the platform that provides loops, clocks, timers and sockets (Netty in c4-net, virtual ones in tests).
 *
 * <p>Main types: a {@link dev.c4j.api.Platform} makes one {@link dev.c4j.api.DriverEnvironment} per driver, which
 * holds its {@link dev.c4j.api.DriverLoop}, {@link dev.c4j.api.DriverClock}, {@link dev.c4j.api.TimerService} and
 * {@link dev.c4j.api.DriverNetwork} ({@link dev.c4j.api.TcpServer}, {@link dev.c4j.api.TcpClient} with its
 * {@link dev.c4j.api.ReadRequest}s, {@link dev.c4j.api.UdpSocket}); errors reach drivers as
 * {@link dev.c4j.api.NetError} with the {@link dev.c4j.api.NetOp} that failed. {@link dev.c4j.api.DriverLimits},
 * {@link dev.c4j.api.EgressPolicy} and {@link dev.c4j.api.AddressMap} say what a driver may use and reach.
 * Subpackages: {@code host} (the controller side of a hosted driver), {@code http} (transfers of {@code C4:url()}).
 *
 * <p>Rules:
 * <ul>
 *   <li>One driver = one Lua state = one loop thread. Every method of a driver's sockets and timers is called on its
 *       loop, and every listener method and timer task runs there, never inside the call that caused it; so nothing
 *       of a driver needs a lock.</li>
 *   <li>Data is bytes, not Strings: socket data travels as {@link java.nio.ByteBuffer} or {@code byte[]}, a Lua
 *       string held in Java is a {@link dev.c4j.api.ByteString}. {@link java.lang.String} is for texts only (host
 *       names, messages, addresses).</li>
 *   <li>No Netty and no Lua engine types here: this module depends on nothing but the JDK, so that platforms and
 *       engines can be swapped under it.</li>
 * </ul>
 */
package dev.c4j.api;
