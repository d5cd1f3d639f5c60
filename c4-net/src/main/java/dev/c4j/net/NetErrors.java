package dev.c4j.net;

import dev.c4j.api.NetError;
import io.netty.channel.ConnectTimeoutException;
import io.netty.channel.unix.Errors;
import java.net.BindException;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.nio.channels.ClosedChannelException;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Turns the exceptions of Netty and the JDK into the Linux errno codes (and glibc texts) drivers see, on every
 * host OS (spec section 8). The native transport knows the errno; for NIO the code is read from the exception's
 * type and message (the JDK's messages are the OS's strerror texts). The one place this mapping lives.
 */
final class NetErrors {

    private static final int UNKNOWN = Integer.MIN_VALUE;

    /** Netty's native connect errors read "connect(..) failed with error(-111): Connection refused". */
    private static final Pattern NATIVE_ERRNO = Pattern.compile("error\\((-?\\d+)\\)");

    /** Message fragments (lower case) of Linux, macOS and Windows texts; longer, more specific ones first. */
    private static final Object[][] MESSAGES = {
            {"connection refused", NetError.ECONNREFUSED},
            {"actively refused", NetError.ECONNREFUSED},
            {"connection reset", NetError.ECONNRESET},
            {"forcibly closed", NetError.ECONNRESET},
            {"broken pipe", NetError.EPIPE},
            {"address already in use", NetError.EADDRINUSE},
            {"assign requested address", NetError.EADDRNOTAVAIL},
            {"permission denied", NetError.EACCES},
            {"network is unreachable", NetError.ENETUNREACH},
            {"no route to host", NetError.EHOSTUNREACH},
            {"host is down", 112},
            {"network is down", 100},
            {"timed out", NetError.ETIMEDOUT},
            {"too many open files in system", 23},
            {"too many open files", NetError.EMFILE},
            {"software caused connection abort", NetError.ECONNABORTED},
            {"connection aborted", NetError.ECONNABORTED},
            {"established connection was aborted", NetError.ECONNABORTED},
            {"no buffer space", NetError.ENOBUFS},
            {"address family not supported", 97},
    };

    private NetErrors() {
    }

    static NetError of(Throwable failure) {
        return NetError.of(code(failure));
    }

    static int code(Throwable failure) {
        int depth = 0;
        for (Throwable t = failure; t != null && depth < 8; t = t.getCause(), depth++) {
            int code = preciseCode(t);
            if (code != UNKNOWN) {
                return code;
            }
        }
        return typeDefault(failure);
    }

    private static int preciseCode(Throwable t) {
        if (t instanceof Errors.NativeIoException nativeIo && nativeIo.expectedErr() != 0) {
            return Math.abs(nativeIo.expectedErr());
        }
        if (t instanceof UnknownHostException) {
            String m = lower(t.getMessage());
            return m.contains("temporary failure") || m.contains("try again")
                    ? NetError.HOST_NOT_FOUND_TRY_AGAIN : NetError.HOST_NOT_FOUND;
        }
        if (t instanceof ConnectTimeoutException || t instanceof SocketTimeoutException) {
            return NetError.ETIMEDOUT;
        }
        String message = t.getMessage();
        if (message != null) {
            Matcher errno = NATIVE_ERRNO.matcher(message);
            if (errno.find()) {
                return Math.abs(Integer.parseInt(errno.group(1)));
            }
            String m = lower(message);
            for (Object[] row : MESSAGES) {
                if (m.contains((String) row[0])) {
                    return (Integer) row[1];
                }
            }
        }
        if (t instanceof NoRouteToHostException) {
            return NetError.EHOSTUNREACH; // epoll throws it without a message for both 101 and 113
        }
        return UNKNOWN;
    }

    private static int typeDefault(Throwable t) {
        if (t instanceof ConnectException) {
            return NetError.ECONNREFUSED;
        }
        if (t instanceof BindException) {
            return NetError.EADDRINUSE;
        }
        if (t instanceof ClosedChannelException) {
            return NetError.EPIPE; // written to a socket that is already gone
        }
        return NetError.EIO;
    }

    private static String lower(String s) {
        return s == null ? "" : s.toLowerCase(Locale.ROOT);
    }
}
