package dev.c4j.api.http;

/**
 * How a transfer ended, as {@code OnDone(transfer, responses, errCode, errMsg)} reports it: libcurl's result codes
 * and short texts (host spec 5.4, B32); beyond the spec's table, 8, 55, 58 and 77 for what the table leaves out. {@link #OK} and {@link #ABORTED} carry no message.
 */
public record HttpError(int code, String message) {

    public static final int ABORTED_BY_CALLBACK = -1;
    public static final int UNSUPPORTED_PROTOCOL = 1;
    public static final int URL_MALFORMAT = 3;
    public static final int COULDNT_RESOLVE_HOST = 6;
    public static final int WEIRD_SERVER_REPLY = 8;
    public static final int COULDNT_CONNECT = 7;
    public static final int HTTP_RETURNED_ERROR = 22;
    public static final int OPERATION_TIMEDOUT = 28;
    public static final int SSL_CONNECT_ERROR = 35;
    public static final int TOO_MANY_REDIRECTS = 47;
    public static final int GOT_NOTHING = 52;
    public static final int SEND_ERROR = 55;
    public static final int RECV_ERROR = 56;
    public static final int SSL_CERTPROBLEM = 58;
    public static final int PEER_FAILED_VERIFICATION = 60;
    public static final int FILESIZE_EXCEEDED = 63;
    public static final int SSL_CACERT_BADFILE = 77;

    public static final HttpError OK = new HttpError(0, null);
    public static final HttpError ABORTED = new HttpError(ABORTED_BY_CALLBACK, null);

    /** The error for a code, with libcurl's text. */
    public static HttpError of(int code) {
        return code == 0 ? OK : code == ABORTED_BY_CALLBACK ? ABORTED : new HttpError(code, textOf(code));
    }

    public boolean isSuccess() {
        return code == 0;
    }

    /** libcurl's {@code curl_easy_strerror} texts for the codes c4j reports. */
    public static String textOf(int code) {
        return switch (code) {
            case 0 -> "No error";
            case UNSUPPORTED_PROTOCOL -> "Unsupported protocol";
            case URL_MALFORMAT -> "URL using bad/illegal format or missing URL";
            case COULDNT_RESOLVE_HOST -> "Couldn't resolve host name";
            case COULDNT_CONNECT -> "Couldn't connect to server";
            case WEIRD_SERVER_REPLY -> "Weird server reply";
            case HTTP_RETURNED_ERROR -> "HTTP response code said error";
            case OPERATION_TIMEDOUT -> "Timeout was reached";
            case SSL_CONNECT_ERROR -> "SSL connect error";
            case TOO_MANY_REDIRECTS -> "Number of redirects hit maximum amount";
            case GOT_NOTHING -> "Server returned nothing (no headers, no data)";
            case SEND_ERROR -> "Failed sending data to the peer";
            case RECV_ERROR -> "Failure when receiving data from the peer";
            case SSL_CERTPROBLEM -> "Problem with the local SSL certificate";
            case PEER_FAILED_VERIFICATION -> "SSL peer certificate or SSH remote key was not OK";
            case FILESIZE_EXCEEDED -> "Maximum file size exceeded";
            case SSL_CACERT_BADFILE -> "Problem with the SSL CA cert (path? access rights?)";
            default -> "Unknown error";
        };
    }
}
