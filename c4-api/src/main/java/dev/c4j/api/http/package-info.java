/**
 * The HTTP client a driver uses ({@code C4:url()} and the legacy {@code C4:url*} functions, host spec section 5),
 * as pure Java: requests, options, response heads, libcurl-style result codes. Bodies are bytes, never text.
 * Header names and values, and URLs, are Java strings holding one char per byte (ISO-8859-1), so that whatever
 * bytes a driver or a server uses cross unchanged.
 */
package dev.c4j.api.http;
