package dev.c4j.lua;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** C4:UUID's kinds (spec 7.3). */
class UuidsTest {

    private static byte[] ascii(String s) {
        return s.getBytes(StandardCharsets.US_ASCII);
    }

    @Test
    void randomIsVersion4LowerCase() {
        String uuid = Uuids.random();
        assertThat(uuid).matches("[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}");
        assertThat(Uuids.random()).isNotEqualTo(uuid);
    }

    @Test
    void stringNormalisesTheFourSpellings() {
        String canonical = "6ba7b810-9dad-11d1-80b4-00c04fd430c8";
        assertThat(Uuids.normalized("6BA7B810-9DAD-11D1-80B4-00C04FD430C8")).isEqualTo(canonical);
        assertThat(Uuids.normalized("{6ba7b810-9dad-11d1-80b4-00c04fd430c8}")).isEqualTo(canonical);
        assertThat(Uuids.normalized("6ba7b8109dad11d180b400c04fd430c8")).isEqualTo(canonical);
        assertThat(Uuids.normalized("{6BA7B8109DAD11D180B400C04FD430C8}")).isEqualTo(canonical);
        for (String bad : new String[]{"", "{}", "6ba7b810-9dad11d1-80b4-00c04fd430c8", "{6ba7b8109dad11d180b400c04fd430c8",
                "6ba7b8109dad11d180b400c04fd430cg", "urn:uuid:6ba7b810-9dad-11d1-80b4-00c04fd430c8"}) {
            assertThatThrownBy(() -> Uuids.normalized(bad)).as(bad).isInstanceOf(Failure.class);
        }
    }

    @Test
    void nameBasedVersions3And5() {
        // RFC 4122 appendix B (v3, as corrected by its errata) and the well-known v5 of python.org
        assertThat(Uuids.nameBased(Digest.MD5, "DNS", ascii("www.widgets.com"))).isEqualTo("3d813cbb-47fb-32ba-91df-831e1593ac29");
        assertThat(Uuids.nameBased(Digest.SHA1, "dns", ascii("python.org"))).isEqualTo("886313e1-3b8a-5372-9b90-0c9aee199e5d");
        assertThat(Uuids.nameBased(Digest.MD5, "dns", ascii("python.org"))).isEqualTo("6fa459ea-ee8a-3ca4-894e-db77e160355e");
        assertThat(Uuids.nameBased(Digest.SHA1, "URL", ascii("x")))
                .isEqualTo(Uuids.nameBased(Digest.SHA1, "6BA7B811-9DAD-11D1-80B4-00C04FD430C8", ascii("x")));
        assertThatThrownBy(() -> Uuids.nameBased(Digest.SHA256, "DNS", ascii("x"))).isInstanceOf(Failure.class);
        assertThatThrownBy(() -> Uuids.nameBased(Digest.SHA1, "NOPE", ascii("x"))).isInstanceOf(Failure.class)
                .hasMessage("not a UUID: 'NOPE'");
    }
}
