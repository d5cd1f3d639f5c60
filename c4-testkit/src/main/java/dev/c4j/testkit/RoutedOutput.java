package dev.c4j.testkit;

import dev.c4j.lua.DriverOutput;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** The output of a runtime that hosts several drivers under test: each driver's prints and messages apart. */
final class RoutedOutput implements DriverOutput {

    private final Map<String, CapturedOutput> byDriver = new ConcurrentHashMap<>();

    /** The output of the driver named {@code driverName} (also what it said before the test knew it). */
    CapturedOutput of(String driverName) {
        return byDriver.computeIfAbsent(driverName, name -> new CapturedOutput());
    }

    @Override
    public void print(String driverName, byte[] line) {
        of(driverName).print(driverName, line);
    }

    @Override
    public void message(String driverName, String text) {
        of(driverName).message(driverName, text);
    }

    @Override
    public void message(String driverName, Kind kind, String text) {
        of(driverName).message(driverName, kind, text);
    }
}
