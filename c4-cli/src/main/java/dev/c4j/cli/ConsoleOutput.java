package dev.c4j.cli;

import dev.c4j.console.OutputFeed;
import dev.c4j.console.OutputLine;
import dev.c4j.lua.DriverOutput;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;

/**
 * The runner's output: everything goes on to the terminal as before, and the console's {@code /api/output} reads
 * the most recent lines from here.
 */
final class ConsoleOutput implements DriverOutput, OutputFeed {

    /** Lines kept for the console; older ones are dropped. */
    private static final int KEPT = 10_000;

    private final DriverOutput terminal;
    private final ArrayDeque<OutputLine> lines = new ArrayDeque<>();
    private long seq;

    ConsoleOutput(DriverOutput terminal) {
        this.terminal = terminal;
    }

    @Override
    public void print(String driverName, byte[] line) {
        terminal.print(driverName, line);
        synchronized (this) {
            keep(OutputLine.print(++seq, line));
        }
    }

    @Override
    public void message(String driverName, String text) {
        terminal.message(driverName, text);
        synchronized (this) {
            keep(OutputLine.message(++seq, text));
        }
    }

    private void keep(OutputLine line) {
        if (lines.size() == KEPT) {
            lines.removeFirst();
        }
        lines.addLast(line);
    }

    @Override
    public synchronized List<OutputLine> since(long after) {
        List<OutputLine> result = new ArrayList<>();
        for (OutputLine line : lines) {
            if (line.seq() > after) {
                result.add(line);
            }
        }
        return result;
    }
}
