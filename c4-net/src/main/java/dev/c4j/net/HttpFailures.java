package dev.c4j.net;

import dev.c4j.api.NetError;
import dev.c4j.api.http.HttpError;
import java.security.cert.CertPathBuilderException;
import java.security.cert.CertPathValidatorException;
import java.security.cert.CertificateException;

/** Turns what Netty and the JDK throw during a transfer into libcurl's result codes (host spec 5.4): the one place. */
final class HttpFailures {

    private HttpFailures() {
    }

    /** A failed TCP connect: refused and unreachable are 7, the OS's own timeout 28. */
    static HttpError connecting(Throwable failure) {
        return HttpError.of(NetErrors.code(failure) == NetError.ETIMEDOUT
                ? HttpError.OPERATION_TIMEDOUT : HttpError.COULDNT_CONNECT);
    }

    /** A TLS failure: the server's certificate refused is 60, any other handshake failure 35. */
    static HttpError tls(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof CertificateException || t instanceof CertPathBuilderException
                    || t instanceof CertPathValidatorException) {
                return HttpError.of(HttpError.PEER_FAILED_VERIFICATION);
            }
        }
        return HttpError.of(HttpError.SSL_CONNECT_ERROR);
    }
}
