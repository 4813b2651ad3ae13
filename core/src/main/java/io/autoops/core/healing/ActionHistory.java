package io.autoops.core.healing;

import io.autoops.core.ops.Remediation;
import io.autoops.core.ops.Target;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What the healer has done recently: the actions it started (for rate limits and cool-downs) and the
 * failures (for the circuit breaker). Entries older than the longest window are dropped. Not
 * thread-safe: owned by the healing agent.
 */
public final class ActionHistory {

    private record Entry(long at, String target) {
    }

    private final long keepMillis;
    private final Deque<Entry> actions = new ArrayDeque<>();
    private final Deque<Long> failures = new ArrayDeque<>();
    private final Map<String, Long> lastAction = new LinkedHashMap<>();
    private long lastAny = Long.MIN_VALUE;

    public ActionHistory(long keepMillis) {
        this.keepMillis = Math.max(1, keepMillis);
    }

    /** The key cool-downs and per-target limits count by: a service for its instances, else the target's name. */
    public static String targetKey(Target target) {
        return target.service().isEmpty() ? target.name() : target.service();
    }

    public void started(Remediation r, long at) {
        started(targetKey(r.target()), at);
    }

    /** An action on a target key (as from {@link #targetKey}) started at {@code at}. */
    public void started(String key, long at) {
        actions.addLast(new Entry(at, key));
        lastAction.put(key, at);
        lastAny = Math.max(lastAny, at);
        trim(at);
    }

    /** When the most recent action (on any target) started, or {@code Long.MIN_VALUE}. */
    public long lastStarted() {
        return actions.isEmpty() ? Long.MIN_VALUE : actions.peekLast().at();
    }

    /** An action ended at {@code at}: its after-effects count from here (see the settle guard). */
    public void finished(long at) {
        lastAny = Math.max(lastAny, at);
    }

    public void failed(long at) {
        failures.addLast(at);
        trim(at);
    }

    /**
     * When the last action on this target key started, or {@code Long.MIN_VALUE}; with a null key, when
     * the last action on any target started or ended, whichever is later.
     */
    public long lastActionAt(String targetKey) {
        if (targetKey == null) {
            return lastAny;
        }
        return lastAction.getOrDefault(targetKey, Long.MIN_VALUE);
    }

    /** Actions started at or after {@code since}, on {@code targetKey} or (null) on any target. */
    public int actionsSince(long since, String targetKey) {
        int n = 0;
        for (Iterator<Entry> it = actions.descendingIterator(); it.hasNext(); ) {
            Entry e = it.next();
            if (e.at() < since) {
                break;
            }
            if (targetKey == null || targetKey.equals(e.target())) {
                n++;
            }
        }
        return n;
    }

    public int failuresSince(long since) {
        int n = 0;
        for (Iterator<Long> it = failures.descendingIterator(); it.hasNext(); ) {
            if (it.next() < since) {
                break;
            }
            n++;
        }
        return n;
    }

    private void trim(long now) {
        while (!actions.isEmpty() && actions.peekFirst().at() < now - keepMillis) {
            actions.removeFirst();
        }
        while (!failures.isEmpty() && failures.peekFirst() < now - keepMillis) {
            failures.removeFirst();
        }
    }
}
