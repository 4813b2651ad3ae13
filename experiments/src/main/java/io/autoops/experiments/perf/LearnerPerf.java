package io.autoops.experiments.perf;

import io.autoops.core.bundle.BundleMetadata;
import io.autoops.core.mdp.Policy;
import io.autoops.env.scenario.Scenario;
import io.autoops.env.sim.SimEnvironment;
import io.autoops.env.sim.SimVectorEnvironment;
import io.autoops.env.sim.Simulator;
import io.autoops.policies.drl.DqnConfig;
import io.autoops.policies.drl.DqnLearner;
import io.autoops.policies.drl.DrlBundles;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Training throughput of the learners (environment steps per second including updates, on the
 * vector environment, after warm-up) and the decision latency of a policy loaded from a bundle.
 */
public final class LearnerPerf {

    private LearnerPerf() {
    }

    public static Map<String, SimPerf.Figure> measure(List<Scenario> scenarios, int envs, long steps) {
        Map<String, SimPerf.Figure> out = new LinkedHashMap<>();
        DqnConfig cfg = DqnConfig.defaults(1);
        SimVectorEnvironment env = new SimVectorEnvironment(scenarios, envs, Simulator.Options.SCENARIO, true);
        DqnLearner dqn = new DqnLearner(cfg, env.observationSpace().dimension(), env.actionSpace().n());
        long warm = cfg.learningStarts() + 4L * envs * cfg.trainEvery() * 16;
        dqn.train(env, warm, 3, Long.MAX_VALUE, null);
        long t0 = System.nanoTime();
        dqn.train(env, warm + steps, 4, Long.MAX_VALUE, null);
        double seconds = (System.nanoTime() - t0) / 1e9;
        out.put("dqn.steps_per_s", new SimPerf.Figure((dqn.steps() - warm) / seconds, "steps/s"));
        out.put("dqn.gradient_steps_per_s", new SimPerf.Figure(
                (dqn.steps() - warm) / (double) cfg.trainEvery() / seconds, "updates/s"));

        // Decision latency of a policy loaded from a bundle, on real observations.
        try {
            Path zip = Files.createTempFile("autoops-perf-", ".zip");
            Simulator probe = new Simulator(scenarios.get(0));
            DrlBundles.writeQ(zip, BundleMetadata.of("perf", "dqn", "perf", probe.schema(), probe.actionSpace().labels(),
                    "perf", 1, Map.of(), Instant.EPOCH, Map.of()), dqn.network(), dqn.normalizer());
            Policy policy = DrlBundles.load(zip, probe.schema(), probe.actionSpace());
            Files.deleteIfExists(zip);
            SimEnvironment single = new SimEnvironment(scenarios.get(0));
            double[] obs = single.reset(1).observation();
            int n = 20_000;
            long[] nanos = new long[n];
            for (int i = -2_000; i < n; i++) {
                boolean[] mask = single.actionMask();
                long a = System.nanoTime();
                int action = policy.act(obs, mask);
                long b = System.nanoTime();
                if (i >= 0) {
                    nanos[i] = b - a;
                }
                var s = single.step(mask[action] ? action : 0);
                obs = s.ended() ? single.reset(i + 7).observation() : s.observation();
            }
            Arrays.sort(nanos);
            out.put("bundle.decide.p50_us", new SimPerf.Figure(nanos[n / 2] / 1e3, "us"));
            out.put("bundle.decide.p99_us", new SimPerf.Figure(nanos[(int) (n * 0.99)] / 1e3, "us"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out;
    }
}
