package dev.c4j.host.director;

import dev.c4j.api.ByteString;
import org.junit.jupiter.api.Test;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class MessageFramerTest {

    private final List<String> messages = new ArrayList<>();

    private void add(MessageFramer framer, String chunk) {
        framer.add(ByteBuffer.wrap(chunk.getBytes(StandardCharsets.ISO_8859_1)), this::take);
    }

    private void take(ByteString message) {
        messages.add(message.latin1());
    }

    @Test
    void withoutDelimiterEachChunkIsAMessage() {
        MessageFramer framer = new MessageFramer(new byte[0]);
        add(framer, "ab\r\n");
        add(framer, "c");
        framer.finish(this::take);
        assertThat(messages).containsExactly("ab\r\n", "c");
    }

    @Test
    void cutsAfterEachDelimiterWhichStaysInTheMessage() {
        MessageFramer framer = new MessageFramer("\r\n".getBytes(StandardCharsets.ISO_8859_1));
        add(framer, "one\r\ntwo\r");
        assertThat(messages).containsExactly("one\r\n");
        add(framer, "\n\r\nthr"); // a delimiter split over two chunks, then an empty message
        assertThat(messages).containsExactly("one\r\n", "two\r\n", "\r\n");
        add(framer, "ee");
        framer.finish(this::take);
        framer.finish(this::take);
        assertThat(messages).containsExactly("one\r\n", "two\r\n", "\r\n", "three");
    }

    @Test
    void reassemblesOneByteAtATimeAndKeepsEveryByte() {
        MessageFramer framer = new MessageFramer(new byte[] {0});
        String stream = "\u00ff\u0001a\u0000\u0080b\u0000";
        for (char c : stream.toCharArray()) {
            add(framer, String.valueOf(c));
        }
        assertThat(messages).containsExactly("\u00ff\u0001a\u0000", "\u0080b\u0000");
    }

    @Test
    void clearForgetsTheUnfinishedMessage() {
        MessageFramer framer = new MessageFramer("\n".getBytes(StandardCharsets.ISO_8859_1));
        add(framer, "partial");
        framer.clear();
        add(framer, "next\n");
        framer.finish(this::take);
        assertThat(messages).containsExactly("next\n");
    }
}
