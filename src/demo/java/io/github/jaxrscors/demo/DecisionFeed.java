package io.github.jaxrscors.demo;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

/**
 * Collects the library's decision log so that the page can show why a call was allowed or refused.
 *
 * <p>The library logs through {@code System.Logger "io.github.jaxrscors"}: rejections at DEBUG and
 * allowances at TRACE, which java.util.logging (the default backend) calls FINE and FINER. This
 * handler turns both on for the demo, prints each decision, and keeps the recent lines numbered (a
 * refused or installed configuration too, at WARNING or INFO).
 */
final class DecisionFeed extends Handler {

    static final String LOGGER = "io.github.jaxrscors";
    private static final int KEPT = 200;

    /** One log line; {@code seq} grows by one per line so the page can ask for "everything after n". */
    record Decision(long seq, String level, String message) {
    }

    /** Held strongly: java.util.logging forgets the level of a logger nobody references. */
    private final Logger logger = Logger.getLogger(LOGGER);
    private final Level previousLevel = logger.getLevel();
    private final Deque<Decision> recent = new ArrayDeque<>();
    private long lastSeq;

    static DecisionFeed install() {
        DecisionFeed feed = new DecisionFeed();
        feed.logger.setLevel(Level.FINER);
        feed.logger.addHandler(feed);
        return feed;
    }

    @Override
    public void publish(LogRecord record) {
        int value = record.getLevel().intValue();
        // System.Logger's names: the page shows a refused or installed configuration as well as decisions.
        String level = value <= Level.FINER.intValue() ? "TRACE" : value <= Level.FINE.intValue() ? "DEBUG"
                : value <= Level.INFO.intValue() ? "INFO" : "WARNING";
        String message = record.getMessage();
        synchronized (this) {
            recent.addLast(new Decision(++lastSeq, level, message));
            if (recent.size() > KEPT) {
                recent.removeFirst();
            }
        }
        if (value <= Level.FINE.intValue()) {
            // INFO and above java.util.logging's own console handler prints already.
            System.out.println("  [" + level + "] " + message);
        }
    }

    synchronized long lastSeq() {
        return lastSeq;
    }

    synchronized List<Decision> after(long seq) {
        List<Decision> found = new ArrayList<>();
        for (Decision d : recent) {
            if (d.seq() > seq) {
                found.add(d);
            }
        }
        return found;
    }

    @Override
    public void flush() {
    }

    @Override
    public void close() {
        logger.removeHandler(this);
        logger.setLevel(previousLevel);
    }
}
