package io.github.jaxrscors.testing;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

/** What a logger published while this was open: for tests that assert the lines a user would read. */
public final class CapturedLog implements AutoCloseable {

    private final Logger logger;
    private final List<LogRecord> records = Collections.synchronizedList(new ArrayList<>());
    private final Handler handler = new Handler() {
        @Override
        public void publish(LogRecord record) {
            records.add(record);
        }

        @Override
        public void flush() {
        }

        @Override
        public void close() {
        }
    };

    private CapturedLog(String loggerName) {
        this.logger = Logger.getLogger(loggerName);
        logger.addHandler(handler);
    }

    /** Starts capturing what the logger of this name publishes. */
    public static CapturedLog of(String loggerName) {
        return new CapturedLog(loggerName);
    }

    /** The messages published at exactly this level, in order. */
    public List<String> messages(Level level) {
        synchronized (records) {
            return records.stream().filter(r -> r.getLevel() == level).map(LogRecord::getMessage).toList();
        }
    }

    @Override
    public void close() {
        logger.removeHandler(handler);
    }
}
