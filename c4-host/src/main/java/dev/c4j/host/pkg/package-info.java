/**
 * Driver packages (host spec §1.1-1.4): opening a {@code .c4z}, a folder, a {@code .c4i} or a bare {@code .lua}
 * file as a {@link dev.c4j.api.host.DriverPackage} ({@link dev.c4j.host.pkg.DriverPackages}), and reading
 * driver.xml into a {@link dev.c4j.api.host.DriverManifest} ({@link dev.c4j.host.pkg.DriverXml}). Every failure is a
 * {@link dev.c4j.host.pkg.PackageException}, an {@link java.io.IOException} with a one-line message.
 *
 * <p>Safety: the XML parser refuses any DOCTYPE (no entity is ever resolved); archive entries and file lookups that
 * are absolute or climb with {@code ..} are refused; a folder's symbolic links are followed only inside it.
 */
package dev.c4j.host.pkg;
