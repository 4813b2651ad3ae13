package io.autoops.env.sim;

import io.autoops.env.scenario.FaultType;

import java.util.ArrayList;
import java.util.List;

/** The faults of one episode and their ground truth, in primitive arrays (no allocation per tick). */
final class FaultLog {

    int size;
    final FaultType[] type;
    final int[] service;
    final int[] instance;
    final int[] instanceSlot;
    final int[] node;
    final int[] onset;
    final int[] duration;
    final double[] severity;
    private final int[] detected;
    private final int[] correct;
    private final int[] recoveredAt;
    private final int[] streak;
    private final boolean[] impact;
    private final boolean[] frozen;
    private final boolean[] active;
    private boolean lastFalsePositive;

    FaultLog(int capacity) {
        type = new FaultType[capacity];
        service = new int[capacity];
        instance = new int[capacity];
        instanceSlot = new int[capacity];
        node = new int[capacity];
        onset = new int[capacity];
        duration = new int[capacity];
        severity = new double[capacity];
        detected = new int[capacity];
        correct = new int[capacity];
        recoveredAt = new int[capacity];
        streak = new int[capacity];
        impact = new boolean[capacity];
        frozen = new boolean[capacity];
        active = new boolean[capacity];
    }

    void clear() {
        size = 0;
        lastFalsePositive = false;
    }

    void add(FaultType t, int s, int i, int n, int onsetTick, int durationTicks, double sev) {
        int f = size++;
        type[f] = t;
        service[f] = s;
        instance[f] = i;
        instanceSlot[f] = -1;
        node[f] = n;
        onset[f] = onsetTick;
        duration[f] = durationTicks;
        severity[f] = sev;
        detected[f] = -1;
        correct[f] = -1;
        recoveredAt[f] = -1;
        streak[f] = 0;
        impact[f] = false;
        frozen[f] = false;
        active[f] = false;
    }

    int activeCount() {
        int c = 0;
        for (int f = 0; f < size; f++) {
            c += active[f] ? 1 : 0;
        }
        return c;
    }

    boolean lastActionFalsePositive() {
        return lastFalsePositive;
    }

    /** Records detection and correct remediation; decides whether the action was a false positive. */
    void noteAction(Simulator sim, int action, int tick) {
        lastFalsePositive = false;
        if (action == 0) {
            return;
        }
        boolean relatesToSome = false;
        for (int f = 0; f < size; f++) {
            if (tick <= onset[f] || frozen[f]) {
                continue;
            }
            if (relates(sim, action, f)) {
                relatesToSome = true;
                if (detected[f] < 0) {
                    detected[f] = tick;
                }
                if (correct[f] < 0 && type[f].fixes().contains(sim.actionKind(action))) {
                    correct[f] = tick;
                }
            }
        }
        lastFalsePositive = !relatesToSome;
    }

    private boolean relates(Simulator sim, int action, int f) {
        int s = sim.actionService(action);
        int n = sim.actionNode(action);
        FaultType t = type[f];
        if (node[f] >= 0) {
            return n == node[f] || (s >= 0 && sim.serviceOnNode(s, node[f])) || (s >= 0 && t == FaultType.NODE_FAILURE);
        }
        if (s < 0) {
            return false;
        }
        if (s == service[f] || t == FaultType.TRAFFIC_SPIKE) {
            return true;
        }
        return (t == FaultType.DEPENDENCY_OUTAGE || t == FaultType.RETRY_STORM) && sim.calls(s, service[f]);
    }

    void observeTick(Simulator sim, int tick, double goodShare) {
        boolean violation = goodShare < sim.sloThreshold();
        for (int f = 0; f < size; f++) {
            if (tick < onset[f] || frozen[f]) {
                continue;
            }
            active[f] = tick == onset[f] || sim.faultActive(f);
            if (violation) {
                impact[f] = true;
                streak[f] = 0;
                recoveredAt[f] = -1;
            } else {
                streak[f]++;
                if (streak[f] >= sim.settleTicks() && recoveredAt[f] < 0) {
                    recoveredAt[f] = tick - sim.settleTicks() + 1;
                }
            }
            if (!active[f] && recoveredAt[f] >= 0) {
                frozen[f] = true;
            }
        }
    }

    List<FaultOutcome> outcomes(Simulator sim) {
        double dt = sim.scenario().spec().tickSeconds();
        List<FaultOutcome> out = new ArrayList<>(size);
        for (int f = 0; f < size; f++) {
            String target = node[f] >= 0 ? sim.scenario().nodes().get(node[f])
                    : sim.scenario().services().get(service[f]) + (instance[f] >= 0 ? "/" + instance[f] : "");
            out.add(new FaultOutcome(type[f], target, onset[f] * dt,
                    detected[f] < 0 ? Double.NaN : detected[f] * dt,
                    correct[f] < 0 ? Double.NaN : correct[f] * dt,
                    recoveredAt[f] < 0 ? Double.NaN : recoveredAt[f] * dt,
                    impact[f], active[f] && sim.tick() >= onset[f]));
        }
        return out;
    }
}
