/**
 * The controller side of a hosted driver, as pure Java (host spec sections 0-3): the driver package and its
 * manifest, what a driver may ask of Director ({@link dev.c4j.api.host.Device}), how Director calls into the
 * driver ({@link dev.c4j.api.host.DriverPort}), the record of every Director call
 * ({@link dev.c4j.api.host.DirectorCall}) and the control surface that tests, the console and applications drive
 * a running driver with ({@link dev.c4j.api.host.DriverControl}).
 *
 * <p>Values: names, commands and property or variable values are text ({@link java.lang.String}); driver data
 * that must keep every byte ({@code PersistData}, {@code Persist*Value}) are plain copies of Lua values as
 * described in {@code dev.c4j.lua.spi}: {@link dev.c4j.api.ByteString}, {@link java.lang.Double},
 * {@link java.lang.Boolean} and {@code Map<Object, Object>}.
 */
package dev.c4j.api.host;
