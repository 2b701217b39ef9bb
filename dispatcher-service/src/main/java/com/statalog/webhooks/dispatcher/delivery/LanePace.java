package com.statalog.webhooks.dispatcher.delivery;

/**
 * How a lane's attempts have been finishing: when the last one finished (or the lane opened),
 * whether it timed out, and how many finished per second over one-second windows.
 *
 * <p>A lane is <em>stuck</em> when it has attempts running and none has finished for the stall
 * time (half the attempt timeout), or the last one timed out; only then is its pace taken as the
 * endpoint's. A healthy lane's pace also falls whenever this process is short of CPU (measured: a
 * burst on two cores, when the pace alone decided, sent healthy deliveries to the 60 s retry
 * topic), which says nothing about the endpoint. Not thread-safe: its owner locks.
 */
final class LanePace {

    private static final long WINDOW_NANOS = 1_000_000_000L;

    private long lastFinish;
    private boolean lastTimedOut;
    private long windowStart;
    private int finishedInWindow;
    private double lastPerSecond = -1;

    LanePace(long now) {
        lastFinish = now;
        windowStart = now;
    }

    void finished(long now, boolean timedOut) {
        lastFinish = now;
        lastTimedOut = timedOut;
        finishedInWindow++;
        if (now - windowStart >= WINDOW_NANOS) {
            lastPerSecond = finishedInWindow / ((now - windowStart) / 1e9);
            finishedInWindow = 0;
            windowStart = now;
        }
    }

    /** Whether the last attempt to finish timed out: no sign of health, even once nothing runs. */
    boolean lastTimedOut() {
        return lastTimedOut;
    }

    boolean stuck(int running, long now, long stallNanos) {
        return running > 0 && (lastTimedOut || now - lastFinish >= stallNanos);
    }

    /**
     * Seconds the last of {@code waiting} attempts queued now would wait, judging by the pace of a
     * stuck lane; 0 for a lane that is not stuck or whose pace is not known yet.
     */
    double expectedWaitSeconds(int waiting, int running, long now, long stallNanos) {
        if (waiting == 0 || !stuck(running, now, stallNanos)) {
            return 0;
        }
        double windowSeconds = (now - windowStart) / 1e9;
        // a full window without the answers a healthy lane gives counts, whatever the lane did before
        double perSecond = windowSeconds >= 1 ? finishedInWindow / windowSeconds : lastPerSecond;
        if (perSecond < 0) {
            return 0;
        }
        return perSecond == 0 ? Double.POSITIVE_INFINITY : waiting / perSecond;
    }
}
