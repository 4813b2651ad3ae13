package io.autoops.core.healing.strategy;

import io.autoops.core.ops.Clock;

import java.util.HashMap;
import java.util.Map;

/**
 * Coordination between healers: a target (e.g. {@code service:payment}) is treated by one healer at a
 * time, and once a treatment ends it is left alone for its cool-down. Share one instance between every
 * healer of a system. Thread-safe.
 */
public final class TargetLocks {

    private final Clock clock;
    private final Map<String, String> owners = new HashMap<>();
    private final Map<String, Long> coolUntil = new HashMap<>();

    public TargetLocks(Clock clock) {
        this.clock = clock;
    }

    /** Takes {@code target} for {@code owner}; false when another owner holds it or it is cooling down. */
    public synchronized boolean acquire(String target, String owner) {
        String held = owners.get(target);
        if (held != null) {
            return held.equals(owner);
        }
        if (clock.millis() < coolUntil.getOrDefault(target, Long.MIN_VALUE)) {
            return false;
        }
        owners.put(target, owner);
        return true;
    }

    /** Gives {@code target} back; nobody may take it for {@code cooldownMillis}. */
    public synchronized void release(String target, String owner, long cooldownMillis) {
        if (owner.equals(owners.get(target))) {
            owners.remove(target);
            coolUntil.put(target, clock.millis() + cooldownMillis);
        }
    }

    /** Who holds {@code target} now (null: nobody). */
    public synchronized String owner(String target) {
        return owners.get(target);
    }
}
