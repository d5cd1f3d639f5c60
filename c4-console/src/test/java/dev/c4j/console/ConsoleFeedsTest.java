package dev.c4j.console;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** since/next paging: a poller passes next back as since and sees every entry exactly once. */
class ConsoleFeedsTest extends ConsoleTestBase {

    private List<Long> seqs(JsonNode entries) {
        List<Long> seqs = new ArrayList<>();
        entries.forEach(entry -> seqs.add(entry.get("seq").asLong()));
        return seqs;
    }

    @Test
    void anEmptyPageAnswersSinceAsNext() {
        assertThat(client.get("/api/calls").json().toString()).isEqualTo("{\"calls\":[],\"next\":0}");
        assertThat(client.get("/api/calls?since=7").json().toString()).isEqualTo("{\"calls\":[],\"next\":7}");
        assertThat(client.get("/api/output?since=7").json().toString()).isEqualTo("{\"lines\":[],\"next\":7}");
    }

    @Test
    void pollingTheRecord() {
        control.recordCalls(3);
        JsonNode first = client.get("/api/calls?since=0").json();
        assertThat(seqs(first.get("calls"))).containsExactly(1L, 2L, 3L);
        assertThat(first.get("next").asLong()).isEqualTo(3);

        JsonNode nothingNew = client.get("/api/calls?since=3").json();
        assertThat(seqs(nothingNew.get("calls"))).isEmpty();
        assertThat(nothingNew.get("next").asLong()).isEqualTo(3);

        control.recordCalls(5);
        JsonNode more = client.get("/api/calls?since=" + nothingNew.get("next").asLong()).json();
        assertThat(seqs(more.get("calls"))).containsExactly(4L, 5L);
        assertThat(more.get("next").asLong()).isEqualTo(5);

        assertThat(seqs(client.get("/api/calls?since=1").json().get("calls"))).containsExactly(2L, 3L, 4L, 5L);
    }

    @Test
    void pollingTheOutput() {
        output.add(OutputLine.print(1, "one".getBytes()));
        output.add(OutputLine.message(2, "two"));
        JsonNode first = client.get("/api/output").json();
        assertThat(seqs(first.get("lines"))).containsExactly(1L, 2L);
        assertThat(first.get("next").asLong()).isEqualTo(2);

        output.add(OutputLine.print(3, "three".getBytes()));
        JsonNode more = client.get("/api/output?since=2").json();
        assertThat(seqs(more.get("lines"))).containsExactly(3L);
        assertThat(more.get("lines").get(0).get("text").asText()).isEqualTo("three");
        assertThat(more.get("next").asLong()).isEqualTo(3);
    }
}
