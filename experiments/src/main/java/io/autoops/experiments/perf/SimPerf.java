package io.autoops.experiments.perf;

import io.autoops.env.scenario.Scenario;
import io.autoops.env.sim.SimEnvironment;
import io.autoops.env.sim.SimVectorEnvironment;
import io.autoops.env.sim.Simulator;

import java.lang.management.ManagementFactory;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.function.LongSupplier;

/**
 * A warmed-up throughput harness for the simulator: each figure is the median of several timed runs
 * after a warm-up, measured on one thread. Allocation per step comes from the JVM's per-thread
 * allocation counter (com.sun.management.ThreadMXBean).
 */
public final class SimPerf {

    private SimPerf() {
    }

    /**
     * @param scenario   the scenario to step (no-op policy)
     * @param runs       timed runs per figure (the median is reported)
     * @param runMillis  length of one timed run
     * @return figures by name: value and unit
     */
    public static Map<String, Figure> measure(Scenario scenario, int runs, long runMillis) {
        SimEnvironment single = new SimEnvironment(scenario);
        long[] seed = {1};
        single.reset(seed[0]);
        LongSupplier singleBatch = () -> {
            for (int k = 0; k < 1000; k++) {
                if (single.step(0).ended()) {
                    single.reset(++seed[0]);
                }
            }
            return 1000;
        };
        int copies = 16;
        SimVectorEnvironment vector = new SimVectorEnvironment(List.of(scenario), copies, Simulator.Options.SCENARIO);
        vector.reset(7);
        int[] actions = new int[copies];
        LongSupplier vectorBatch = () -> {
            for (int k = 0; k < 100; k++) {
                vector.step(actions);
            }
            return 100L * copies;
        };
        double singleRate = rate(singleBatch, runs, runMillis);
        double vectorRate = rate(vectorBatch, runs, runMillis);
        double vectorBytes = bytesPerStep(vectorBatch);
        double singleBytes = bytesPerStep(singleBatch);
        return Map.of(
                "sim.single.steps_per_s", new Figure(singleRate, "steps/s"),
                "sim.vector.steps_per_s", new Figure(vectorRate, "steps/s"),
                "sim.step.bytes_allocated", new Figure(vectorBytes, "bytes"),
                "sim.single.step.bytes_allocated", new Figure(singleBytes, "bytes"));
    }

    /** A measured value with its unit. */
    public record Figure(double value, String unit) {
    }

    private static double rate(LongSupplier batch, int runs, long runMillis) {
        long warmEnd = System.nanoTime() + Math.max(3000, 3 * runMillis) * 1_000_000L;
        while (System.nanoTime() < warmEnd) {
            batch.getAsLong();
        }
        double[] rates = new double[runs];
        for (int r = 0; r < runs; r++) {
            long steps = 0;
            long start = System.nanoTime();
            long end = start + runMillis * 1_000_000L;
            long now;
            do {
                steps += batch.getAsLong();
                now = System.nanoTime();
            } while (now < end);
            rates[r] = steps / ((now - start) / 1e9);
        }
        Arrays.sort(rates);
        return rates[runs / 2];
    }

    private static double bytesPerStep(LongSupplier batch) {
        com.sun.management.ThreadMXBean bean = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        long id = Thread.currentThread().getId();
        for (int i = 0; i < 50; i++) {
            batch.getAsLong();
        }
        long before = bean.getThreadAllocatedBytes(id);
        long steps = 0;
        for (int i = 0; i < 200; i++) {
            steps += batch.getAsLong();
        }
        long after = bean.getThreadAllocatedBytes(id);
        return Math.max(0, after - before) / (double) steps;
    }
}
