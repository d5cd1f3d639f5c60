package dev.c4j.host.pkg;

import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.NoSuchFileException;

/**
 * A driver package that cannot be opened or read. The message is one line for the user as it is, naming the file
 * and the problem: {@code bad.c4z: not a zip file}, {@code driver.xml (in x.c4z): line 3: ...}.
 *
 * <p>It is a (checked) {@link IOException} because opening a package is reading files: callers that already report
 * I/O failures with their message, as the runtime's {@code start} and the {@code c4} command do, report this one
 * unchanged.
 */
public final class PackageException extends IOException {

    public PackageException(String message) {
        super(message);
    }

    /** {@code what} could not be read: the message names it and the reason, never the stack. */
    static PackageException cannotRead(String what, IOException cause) {
        PackageException e = new PackageException(what + ": cannot read: " + reason(cause));
        e.initCause(cause);
        return e;
    }

    // NoSuchFileException and friends carry only the path as their message: name the kind instead
    private static String reason(IOException e) {
        if (e instanceof NoSuchFileException) {
            return "no such file";
        }
        if (e instanceof AccessDeniedException) {
            return "permission denied";
        }
        return e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    }
}
