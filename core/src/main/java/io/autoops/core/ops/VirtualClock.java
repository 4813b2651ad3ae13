package io.autoops.core.ops;

/** A clock that moves only when told to: simulated time. Not thread-safe. */
public final class VirtualClock implements Clock {

    private long millis;

    public VirtualClock(long startMillis) {
        this.millis = startMillis;
    }

    @Override
    public long millis() {
        return millis;
    }

    /** Moves time forward by {@code deltaMillis >= 0}. */
    public void advance(long deltaMillis) {
        if (deltaMillis < 0) {
            throw new IllegalArgumentException("time cannot go backwards: " + deltaMillis);
        }
        millis += deltaMillis;
    }

    public void set(long millis) {
        if (millis < this.millis) {
            throw new IllegalArgumentException("time cannot go backwards: " + millis + " < " + this.millis);
        }
        this.millis = millis;
    }
}
