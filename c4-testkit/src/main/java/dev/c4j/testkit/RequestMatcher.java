package dev.c4j.testkit;

import java.nio.charset.StandardCharsets;
import java.util.Objects;
import java.util.function.Predicate;
import java.util.regex.Pattern;

/** Which requests a rule of an answering {@link MockDevice} answers; text is compared one char per byte. */
public final class RequestMatcher {

    private final String description;
    private final Predicate<byte[]> test;

    private RequestMatcher(String description, Predicate<byte[]> test) {
        this.description = description;
        this.test = test;
    }

    /** The request is exactly {@code text}. */
    public static RequestMatcher exactly(String text) {
        return text("exactly " + quoted(text), text::equals);
    }

    /** The request starts with {@code prefix}. */
    public static RequestMatcher startingWith(String prefix) {
        return text("startingWith " + quoted(prefix), request -> request.startsWith(prefix));
    }

    /** The whole request matches {@code regex}. */
    public static RequestMatcher matching(String regex) {
        Pattern pattern = Pattern.compile(regex);
        return text("matching /" + regex + "/", request -> pattern.matcher(request).matches());
    }

    /** A binary request for which {@code test} holds; {@code description} names it in failure messages. */
    public static RequestMatcher frame(String description, Predicate<byte[]> test) {
        return new RequestMatcher(Objects.requireNonNull(description), Objects.requireNonNull(test));
    }

    /** Every request. */
    public static RequestMatcher any() {
        return new RequestMatcher("any", request -> true);
    }

    private static RequestMatcher text(String description, Predicate<String> test) {
        return new RequestMatcher(description, bytes -> test.test(new String(bytes, StandardCharsets.ISO_8859_1)));
    }

    private static String quoted(String text) {
        return Bytes.show(text.getBytes(StandardCharsets.ISO_8859_1));
    }

    boolean matches(DeviceRequest request) {
        return test.test(request.bytes());
    }

    @Override
    public String toString() {
        return description;
    }
}
