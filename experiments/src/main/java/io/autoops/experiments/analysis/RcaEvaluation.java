package io.autoops.experiments.analysis;

import io.autoops.core.analysis.RootCauseAnalyzer;
import io.autoops.core.analysis.Symptoms;
import io.autoops.env.scenario.Scenario;
import io.autoops.env.sim.Simulator;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Root-cause accuracy on simulated faults with known roots: each single-fault scenario is played
 * without healing until the first symptom after the fault's onset (a service or node anomaly of at
 * least 0.5, or the good share below the threshold), then the analyser ranks the candidates.
 */
public final class RcaEvaluation {

    /** Accuracy for one fault type. */
    public record Accuracy(String faultType, int incidents, int symptomatic, int top1, int top3) {
        public double top1Share() {
            return symptomatic == 0 ? Double.NaN : top1 / (double) symptomatic;
        }

        public double top3Share() {
            return symptomatic == 0 ? Double.NaN : top3 / (double) symptomatic;
        }
    }

    private RcaEvaluation() {
    }

    public static List<Accuracy> evaluate(List<Scenario> scenarios, List<Long> seeds, int maxTicksAfterOnset) {
        Map<String, int[]> counts = new TreeMap<>();
        RootCauseAnalyzer rca = new RootCauseAnalyzer();
        for (Scenario sc : scenarios) {
            if (sc.faults().size() != 1) {
                continue;
            }
            Scenario.Fault fault = sc.faults().get(0);
            String root = fault.node() >= 0 ? sc.nodes().get(fault.node()) : sc.services().get(fault.service());
            int[] c = counts.computeIfAbsent(fault.type().id(), k -> new int[4]);
            for (long seed : seeds) {
                c[0]++;
                Simulator sim = new Simulator(sc, new Simulator.Options(false, false));
                sim.reset(seed);
                double[] obs = new double[sim.observationSize()];
                while (!sim.ended() && sim.tick() < fault.onsetTick() + maxTicksAfterOnset) {
                    sim.step(0);
                    if (sim.tick() < fault.onsetTick()) {
                        continue;
                    }
                    sim.observe(obs, 0);
                    Map<String, Double> services = Symptoms.services(sim.schema(), obs);
                    Map<String, Double> nodes = Symptoms.nodes(sim.schema(), obs);
                    boolean symptom = sim.goodShare() < sc.spec().recovery().sloThreshold()
                            || services.values().stream().anyMatch(a -> a >= 0.5)
                            || nodes.values().stream().anyMatch(a -> a >= 0.5);
                    if (!symptom) {
                        continue;
                    }
                    c[1]++;
                    var ranked = rca.rank(services, sim.callGraph(), nodes, sim.placement());
                    for (int k = 0; k < Math.min(3, ranked.size()); k++) {
                        if (ranked.get(k).name().equals(root)) {
                            c[k == 0 ? 2 : 3]++;
                            if (k == 0) {
                                c[3]++;
                            }
                            break;
                        }
                    }
                    break;
                }
            }
        }
        return counts.entrySet().stream().map(e -> new Accuracy(e.getKey(), e.getValue()[0], e.getValue()[1],
                e.getValue()[2], e.getValue()[3])).toList();
    }
}
