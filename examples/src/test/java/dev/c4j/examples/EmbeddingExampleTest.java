package dev.c4j.examples;

import dev.c4j.examples.EmbeddingExample.Transcript;
import dev.c4j.testkit.AllEngines;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class EmbeddingExampleTest {

    @AllEngines
    void runsTheEchoDriverTalksToItAndStopsIt(String engine) throws Exception {
        List<String> lines = List.of("hello", "gr\u00fc\u00dfe \u00ff\u0000 bytes", "");
        Transcript transcript = EmbeddingExample.run(engine, lines);
        assertThat(transcript.echoed()).isEqualTo(lines);
        assertThat(transcript.printed()).singleElement().asString()
                .matches("Echo server listening on 127\\.0\\.0\\.1:\\d+");
        assertThat(transcript.messages()).isEmpty();
    }
}
