package dev.c4j.api.http;

/** One header line, name and value as sent or received (case kept; one char per byte). */
public record HttpHeader(String name, String value) {
}
