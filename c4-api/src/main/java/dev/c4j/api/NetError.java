package dev.c4j.api;

/**
 * An error code and its text, as a driver receives them in {@code OnError} and {@code OnDisconnect}.
 * Codes are Linux errno numbers with glibc's texts on every host OS (spec section 8), except the
 * resolver codes 1, 2 and -8, which follow the asio-style resolver numbering the API mirrors.
 */
public record NetError(int code, String message) {

    public static final int SUCCESS = 0;
    public static final int HOST_NOT_FOUND = 1;
    public static final int HOST_NOT_FOUND_TRY_AGAIN = 2;
    public static final int SERVICE_NOT_FOUND = -8;
    public static final int EIO = 5;
    public static final int EACCES = 13;
    public static final int EINVAL = 22;
    public static final int EMFILE = 24;
    public static final int EPIPE = 32;
    public static final int EADDRINUSE = 98;
    public static final int EADDRNOTAVAIL = 99;
    public static final int ENETUNREACH = 101;
    public static final int ECONNABORTED = 103;
    public static final int ECONNRESET = 104;
    public static final int ENOBUFS = 105;
    public static final int ETIMEDOUT = 110;
    public static final int ECONNREFUSED = 111;
    public static final int EHOSTUNREACH = 113;
    public static final int ECANCELED = 125;

    public static final NetError OK = of(SUCCESS);

    /** The error for a code, with its standard text ("Unknown error N" for codes this table lacks). */
    public static NetError of(int code) {
        return new NetError(code, textOf(code));
    }

    public boolean isSuccess() {
        return code == SUCCESS;
    }

    /** glibc's strerror texts for the codes c4j reports, and the resolver's own texts. */
    public static String textOf(int code) {
        return switch (code) {
            case SUCCESS -> "Success";
            case HOST_NOT_FOUND -> "Host not found (authoritative)";
            case HOST_NOT_FOUND_TRY_AGAIN -> "Host not found (non-authoritative), try again later";
            case SERVICE_NOT_FOUND -> "Service not found";
            case EIO -> "Input/output error";
            case 4 -> "Interrupted system call";
            case 9 -> "Bad file descriptor";
            case 11 -> "Resource temporarily unavailable";
            case 12 -> "Cannot allocate memory";
            case EACCES -> "Permission denied";
            case EINVAL -> "Invalid argument";
            case 23 -> "Too many open files in system";
            case EMFILE -> "Too many open files";
            case EPIPE -> "Broken pipe";
            case 97 -> "Address family not supported by protocol";
            case EADDRINUSE -> "Address already in use";
            case EADDRNOTAVAIL -> "Cannot assign requested address";
            case 100 -> "Network is down";
            case ENETUNREACH -> "Network is unreachable";
            case ECONNABORTED -> "Software caused connection abort";
            case ECONNRESET -> "Connection reset by peer";
            case ENOBUFS -> "No buffer space available";
            case 106 -> "Transport endpoint is already connected";
            case 107 -> "Transport endpoint is not connected";
            case ETIMEDOUT -> "Connection timed out";
            case ECONNREFUSED -> "Connection refused";
            case 112 -> "Host is down";
            case EHOSTUNREACH -> "No route to host";
            case 114 -> "Operation already in progress";
            case 115 -> "Operation now in progress";
            case ECANCELED -> "Operation canceled";
            default -> "Unknown error " + code;
        };
    }
}
