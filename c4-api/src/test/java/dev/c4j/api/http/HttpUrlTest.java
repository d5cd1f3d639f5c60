package dev.c4j.api.http;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class HttpUrlTest {

    @Test
    void partsOfAFullUrl() {
        HttpUrl url = HttpUrl.parse("HTTPS://User:p%40ss@Device.Local:8443/api/v1/status?x=1&y=2#top");
        assertThat(url.scheme()).isEqualTo("https");
        assertThat(url.isSecure()).isTrue();
        assertThat(url.credentials()).isEqualTo("User:p@ss");
        assertThat(url.host()).isEqualTo("device.local");
        assertThat(url.port()).isEqualTo(8443);
        assertThat(url.path()).isEqualTo("/api/v1/status");
        assertThat(url.requestTarget()).isEqualTo("/api/v1/status?x=1&y=2");
        assertThat(url.hostHeader()).isEqualTo("device.local:8443");
    }

    @Test
    void defaultsAsLibcurlHasThem() {
        HttpUrl bare = HttpUrl.parse("198.51.100.20");
        assertThat(bare.scheme()).isEqualTo("http");
        assertThat(bare.port()).isEqualTo(80);
        assertThat(bare.requestTarget()).isEqualTo("/");
        assertThat(bare.hostHeader()).isEqualTo("198.51.100.20");
        assertThat(HttpUrl.parse("https://h:443/").hostHeader()).isEqualTo("h");
        assertThat(HttpUrl.parse("http://[::1]:8080/x").bareHost()).isEqualTo("::1");
        assertThat(HttpUrl.parse("http://[::1]:8080/x").hostHeader()).isEqualTo("[::1]:8080");
    }

    @Test
    void bytesAUrlMayNotHoldArePercentEncoded() {
        assertThat(HttpUrl.parse("http://h/a b?q=\u00e9|x").requestTarget()).isEqualTo("/a%20b?q=%E9%7Cx");
        assertThat(HttpUrl.parse("http://h/already%20encoded").path()).isEqualTo("/already%20encoded");
    }

    @Test
    void otherSchemesParseButAreNotSupported() {
        HttpUrl ftp = HttpUrl.parse("ftp://h/file");
        assertThat(ftp.isSupported()).isFalse();
        assertThat(ftp.port()).isEqualTo(-1);
    }

    @Test
    void malformedUrls() {
        for (String bad : new String[] {"", "http://", "http:///x", "http://a b/", "http://h:0/", "http://h:65536/",
                "http://h:x/", "http://[::1/", "http://h/\r\nInjected: 1"}) {
            assertThat(HttpUrl.isValid(bad)).as(bad).isFalse();
            assertThatThrownBy(() -> HttpUrl.parse(bad)).isInstanceOf(IllegalArgumentException.class);
        }
    }

    @Test
    void redirectTargetsResolveAgainstTheUrl() {
        HttpUrl base = HttpUrl.parse("http://u:p@h:81/a/b/c?q=1");
        assertThat(base.resolve("/x").toString()).isEqualTo("http://u:p@h:81/x");
        assertThat(base.resolve("d?e=2").toString()).isEqualTo("http://u:p@h:81/a/b/d?e=2");
        assertThat(base.resolve("../up").toString()).isEqualTo("http://u:p@h:81/a/up");
        assertThat(base.resolve("?only=query").toString()).isEqualTo("http://u:p@h:81/a/b/c?only=query");
        assertThat(base.resolve("//other:82/p").toString()).isEqualTo("http://other:82/p");
        assertThat(base.resolve("https://elsewhere/").toString()).isEqualTo("https://elsewhere/");
        assertThat(base.resolve("/path?next=http://x").requestTarget()).isEqualTo("/path?next=http://x");
        assertThat(base.sameOrigin(base.resolve("/x"))).isTrue();
        assertThat(base.sameOrigin(base.resolve("//other:82/p"))).isFalse();
    }
}
