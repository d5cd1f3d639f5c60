package dev.c4j.host.director;

import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class PortOptionsTest {

    @Test
    void anXmlPortHasOnlyWhatItSaysAndMissingBooleansAreFalse() {
        PortOptions xml = new PortOptions(Map.of("AUTO_CONNECT", "True", "DELIMITER", "0d0a"));
        assertThat(xml.autoConnect()).isTrue();
        assertThat(xml.keepConnection()).isFalse();
        assertThat(xml.keepAlive()).isFalse();
        assertThat(xml.delimiter()).containsExactly(13, 10);
        assertThat(xml.verifyPeer()).isFalse();
    }

    @Test
    void aPortFirstNamedByTheDriverTakesTheSampleValues() {
        assertThat(PortOptions.SAMPLE.autoConnect()).isFalse();
        assertThat(PortOptions.SAMPLE.keepConnection()).isTrue();
        assertThat(PortOptions.SAMPLE.keepAlive()).isTrue();
        assertThat(PortOptions.SAMPLE.delimiter()).isEmpty();
        assertThat(PortOptions.SAMPLE.verifyPeer()).isFalse();
    }

    @Test
    void givenOptionsGoOnTopInAnyCaseAndVerifyMethodIsMethod() {
        PortOptions options = PortOptions.SAMPLE.with(Map.of("keep_connection", "false", "verify_mode", "PEER",
                "VERIFY_METHOD", "tlsv1_2", "Certificate", "certs/client.pem", "protected", "true"));
        assertThat(options.keepConnection()).isFalse();
        assertThat(options.keepAlive()).isTrue();
        assertThat(options.verifyPeer()).isTrue();
        assertThat(options.values()).containsEntry("METHOD", "tlsv1_2");
        assertThat(options.file("CERTIFICATE")).isEqualTo("certs/client.pem");
        assertThat(options.file("CACERTFILE")).isNull();
        assertThat(options.keyProtected()).isTrue();
    }

    @Test
    void aDelimiterThatIsNotHexIsRefused() {
        assertThatThrownBy(() -> new PortOptions(Map.of("DELIMITER", "\r\n")).delimiter())
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("not hex");
    }
}
