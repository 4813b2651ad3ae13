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
        return Map.of("monitoring.samples_per_s", new SimPerf.Figure(rates[runs / 2], "samples/s"));
    }
}
