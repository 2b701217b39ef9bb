package com.statalog.webhooks.testkit;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import java.util.logging.SimpleFormatter;

/**
 * Every log line of this JVM while it is open, formatted with its parameters, as a log file
 * would show it. Opening it writes a canary line and checks that it was caught, so that a capture
 * that sees nothing cannot pass for a clean log.
 */
public final class LogCapture extends Handler implements AutoCloseable {

    private final List<String> lines = new CopyOnWriteArrayList<>();
    private final SimpleFormatter formatter = new SimpleFormatter();

    public LogCapture() {
        Logger.getLogger("").addHandler(this);
        String canary = "log capture canary " + System.nanoTime();
        Logger.getLogger(LogCapture.class.getName()).warning(canary);
        if (lines.stream().noneMatch(line -> line.contains(canary))) {
            close();
            throw new IllegalStateException("the root logger does not reach the capture");
        }
    }

    public List<String> lines() {
        return List.copyOf(lines);
    }

    @Override
    public void publish(LogRecord record) {
        lines.add(formatter.format(record));
    }

    @Override
    public void flush() {
        // kept in memory
    }

    @Override
    public void close() {
        Logger.getLogger("").removeHandler(this);
    }
}
