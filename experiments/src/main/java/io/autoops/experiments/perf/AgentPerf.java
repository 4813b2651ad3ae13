package io.autoops.experiments.perf;

import io.autoops.core.monitoring.MetricSpec;
import io.autoops.core.monitoring.MonitoringAgent;
import io.autoops.core.ops.VirtualClock;
import io.autoops.env.scenario.Scenario;
import io.autoops.env.sim.SimMetricSource;
import io.autoops.env.sim.Simulator;

import java.util.Map;

/** How many samples one monitoring agent ingests per second (history, one subscriber, no I/O). */
public final class AgentPerf {

    private AgentPerf() {
    }

    public static Map<String, SimPerf.Figure> measure(Scenario scenario, int runs) {
        VirtualClock clock = new VirtualClock(0);
        MonitoringAgent agent = new MonitoringAgent(clock);
        Simulator sim = new Simulator(scenario);
        sim.reset(1);
        agent.register(new SimMetricSource(sim), 1_000);
        for (int m = 0; m < 100; m++) {
            int k = m;
            agent.register(MetricSpec.fixed("custom_" + m, Map.of("k", "" + k), () -> k, 1_000));
        }
        double[] sink = {0};
        agent.subscribe(s -> sink[0] += s.value());
        double[] rates = new double[runs];
        for (int r = -1; r < runs; r++) {
            long samples = agent.samples();
            long t0 = System.nanoTime();
            for (int i = 0; i < 20_000; i++) {
                clock.advance(1_000);
                agent.collectDue();
            }
            double seconds = (System.nanoTime() - t0) / 1e9;
            if (r >= 0) {
                rates[r] = (agent.samples() - samples) / seconds;
            }
        }
        java.util.Arrays.sort(rates);
        return Map.of("monitoring.samples_per_s", new SimPerf.Figure(rates[runs / 2], "samples/s"),
                "bus.sync.messages_per_s", new SimPerf.Figure(busRate(runs), "messages/s"));
    }

    /** Samples through a synchronous bus to two subscribers, drained every 100 (as the simulated pipeline does per tick). */
    private static double busRate(int runs) {
        io.autoops.core.bus.MessageBus bus = io.autoops.core.bus.MessageBus.synchronous();
        double[] sink = {0};
        bus.subscribe(io.autoops.core.monitoring.Sample.class, "a", 1_000, s -> sink[0] += s.value());
        bus.subscribe(io.autoops.core.monitoring.Sample.class, "b", 1_000, s -> sink[0] -= s.value());
        io.autoops.core.monitoring.Sample sample = new io.autoops.core.monitoring.Sample("cpu", Map.of("service", "api"), 0, 0.5);
        double[] rates = new double[runs];
        for (int r = -1; r < runs; r++) {
            long t0 = System.nanoTime();
            long delivered = 0;
            for (int i = 0; i < 20_000; i++) {
                for (int k = 0; k < 100; k++) {
                    bus.publish(sample);
                }
                delivered += bus.drain();
            }
            if (r >= 0) {
                rates[r] = delivered / ((System.nanoTime() - t0) / 1e9);
            }
        }
        java.util.Arrays.sort(rates);
        return rates[runs / 2];
    }
}
