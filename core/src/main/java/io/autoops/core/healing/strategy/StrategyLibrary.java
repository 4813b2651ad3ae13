package io.autoops.core.healing.strategy;

import io.autoops.core.alerting.Alert;
import io.autoops.core.alerting.Severity;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The strategies a healer knows, with their track record: the candidates for an alert come best
 * first, ranked by the estimated success rate {@code (successes + 1) / (attempts + 2)} (a strategy
 * without history starts at 1/2), ties in the order the strategies were added. Every outcome
 * recorded updates the ranking. Thread-safe.
 */
public final class StrategyLibrary {

    /** A strategy's record so far. */
    public record Stats(int successes, int failures) {
        public double successRate() {
            return (successes + 1.0) / (successes + failures + 2.0);
        }
    }

    private final Map<String, Strategy> strategies = new LinkedHashMap<>();
    private final Map<String, Stats> stats = new LinkedHashMap<>();

    public synchronized StrategyLibrary add(Strategy s) {
        if (strategies.putIfAbsent(s.name(), s) != null) {
            throw new IllegalArgumentException("a strategy named " + s.name() + " is already in the library");
        }
        stats.put(s.name(), new Stats(0, 0));
        return this;
    }

    /**
     * The seed's strategies: restart a service whose CPU alert is critical (above 95 %, the seed's
     * {@code cpu_critical}, or {@code cpu_high} made critical by the SLO) or whose memory runs high; roll back a service returning errors (risky);
     * restart then scale out a slow service; drain a node whose CPU is saturated (risky).
     */
    public static StrategyLibrary seed() {
        return new StrategyLibrary()
                .add(new Strategy("restart-on-cpu", AlertMatch.rules("cpu_high", "cpu_critical").atLeast(Severity.CRITICAL),
                        List.of("restart"), false))
                .add(new Strategy("restart-on-memory", AlertMatch.rules("memory_high"), List.of("restart"), false))
                .add(new Strategy("rollback-on-errors", AlertMatch.rules("error_rate_high"), List.of("rollback"), true))
                .add(new Strategy("restart-then-scale-on-latency", AlertMatch.rules("latency_high"),
                        List.of("restart", "scale-out"), false))
                .add(new Strategy("restart-on-missing-replicas", AlertMatch.rules("replicas_missing"), List.of("restart"), false))
                .add(new Strategy("drain-hot-node", AlertMatch.rules("node_cpu_high"), List.of("drain"), true));
    }

    /** The strategies answering {@code alert}, best first. */
    public synchronized List<Strategy> candidates(Alert alert) {
        List<Strategy> out = new ArrayList<>();
        for (Strategy s : strategies.values()) {
            if (s.match().matches(alert)) {
                out.add(s);
            }
        }
        List<String> order = new ArrayList<>(strategies.keySet());
        out.sort(Comparator.comparingDouble((Strategy s) -> -stats.get(s.name()).successRate())
                .thenComparingInt(s -> order.indexOf(s.name())));
        return out;
    }

    public synchronized void record(String strategy, boolean success) {
        Stats s = stats.get(strategy);
        if (s == null) {
            throw new IllegalArgumentException("no strategy named " + strategy);
        }
        stats.put(strategy, success ? new Stats(s.successes() + 1, s.failures()) : new Stats(s.successes(), s.failures() + 1));
    }

    /** Every strategy's record, in the order they were added. */
    public synchronized Map<String, Stats> stats() {
        return new LinkedHashMap<>(stats);
    }
}
