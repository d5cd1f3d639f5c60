package dev.c4j.console;

/** A request the console answers with a 4xx or 5xx status and {@code {"error": message}}. */
final class HttpError extends RuntimeException {

    private final int status;

    private HttpError(int status, String message) {
        super(message, null, false, false);
        this.status = status;
    }

    /** 400: the request itself is wrong (bad JSON, a missing field, a wrong type); nothing reached the driver. */
    static HttpError badRequest(String message) {
        return new HttpError(400, message);
    }

    /** 404: no such endpoint, or a name the driver's manifest does not declare. */
    static HttpError notFound(String message) {
        return new HttpError(404, message);
    }

    /** 409: the driver's model refused the request (read-only property, value outside its items or range, ...). */
    static HttpError refused(String message) {
        return new HttpError(409, message);
    }

    static HttpError tooLarge(String message) {
        return new HttpError(413, message);
    }

    static HttpError internal(String message) {
        return new HttpError(500, message);
    }

    static HttpError unavailable(String message) {
        return new HttpError(503, message);
    }

    /** 504: the driver's callback did not return in time. */
    static HttpError timeout(String message) {
        return new HttpError(504, message);
    }

    int status() {
        return status;
    }
}
