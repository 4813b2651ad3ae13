package io.autoops.env.sim;

import io.autoops.core.mdp.Policy;
import io.autoops.env.scenario.FaultType;

import java.util.ArrayDeque;
import java.util.Deque;

/**
 * The oracle: it reads the simulator's ground truth, so it knows every injected fault at its onset,
 * and applies the remediation that fixes it (rollback for bad versions, drain for node faults,
 * restart for crashes and latency, a circuit breaker for an outage, capacity for a spike, shedding
 * at the entry for a retry storm). It is the upper bound used to normalise scores, never a competitor:
 * no real healer can see faults before their symptoms.
 *
 * <p>Bound to one simulator; stateful, one episode at a time.
 */
public final class OraclePolicy implements Policy {

    private final Simulator sim;
    private final Deque<Integer> queue = new ArrayDeque<>();
    private boolean[] handled = new boolean[0];
    private final double[] scratch;

    public OraclePolicy(Simulator sim) {
        this.sim = sim;
        this.scratch = new double[sim.observationSize()];
    }

    @Override
    public void reset() {
        queue.clear();
        handled = new boolean[0];
    }

    @Override
    public int act(double[] observation, boolean[] mask) {
        FaultLog log = sim.faultLog();
        if (handled.length != log.size) {
            handled = java.util.Arrays.copyOf(handled, log.size);
        }
        boolean spike = false;
        for (int f = 0; f < log.size; f++) {
            if (sim.tick() < log.onset[f]) {
                continue;
            }
            if (log.type[f] == FaultType.TRAFFIC_SPIKE && sim.faultActive(f)) {
                spike = true;
            }
            if (handled[f]) {
                continue;
            }
            handled[f] = true;
            int s = log.service[f];
            int n = log.node[f];
            switch (log.type[f]) {
                case CRASH, LATENCY -> queue.add(SimSpaces.serviceAction(s, "restart"));
                case CRASH_LOOP, MEMORY_LEAK, BAD_DEPLOY -> queue.add(SimSpaces.serviceAction(s, "rollback"));
                case CPU_HOG, NODE_FAILURE -> queue.add(SimSpaces.drainAction(sim.serviceCount(), n));
                case DEPENDENCY_OUTAGE -> queue.add(SimSpaces.serviceAction(s, "shed-load"));
                case RETRY_STORM -> {
                    queue.add(SimSpaces.serviceAction(0, "shed-load"));
                    queue.add(SimSpaces.serviceAction(s, "scale-out"));
                }
                case TRAFFIC_SPIKE -> {
                    // handled below, tick by tick, while it lasts
                }
            }
        }
        for (int tries = queue.size(); tries > 0; tries--) {
            int a = queue.poll();
            if (mask == null || mask[a]) {
                return a;
            }
            queue.add(a); // e.g. a rollout still running: try again later
        }
        if (spike) {
            return busiestScaleOut(mask);
        }
        return 0;
    }

    /** Scale out the service with the highest CPU utilisation above 60 %, if any can grow. */
    private int busiestScaleOut(boolean[] mask) {
        sim.observe(scratch, 0);
        int best = 0;
        double bestUtil = 0.6;
        for (int s = 0; s < sim.serviceCount(); s++) {
            double util = scratch[s * SimSpaces.SF + 4];
            int a = SimSpaces.serviceAction(s, "scale-out");
            if (util > bestUtil && (mask == null || mask[a])) {
                best = a;
                bestUtil = util;
            }
        }
        return best;
    }
}
