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
import io.autoops.policies.drl.PpoConfig;
import io.autoops.policies.drl.PpoLearner;
import io.autoops.policies.rl4j.Rl4jDqnConfig;
import io.autoops.policies.rl4j.Rl4jDqnLearner;

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

    /**
     * @param envs      vector copies for our learners
     * @param steps     timed environment steps of our learners
     * @param rl4jSteps timed environment steps of RL4J's DQN (it is far slower; it reports at episode ends)
     */
    public static Map<String, SimPerf.Figure> measure(List<Scenario> scenarios, int envs, long steps, long rl4jSteps) {
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

        // PPO with the same network and the same vector environment: updates per environment step differ by design
        // (4 epochs over each 16 x 128 rollout in minibatches of 256: one update per 64 steps, on 4x the rows).
        PpoConfig ppoCfg = PpoConfig.defaults(1);
        PpoLearner ppo = new PpoLearner(ppoCfg, env.observationSpace().dimension(), env.actionSpace().n());
        long rollout = (long) envs * ppoCfg.rolloutSteps();
        long ppoWarm = 2 * rollout;
        ppo.train(env, ppoWarm, 5, Long.MAX_VALUE, null);
        long ppoSteps = Math.max(rollout, steps / rollout * rollout);
        t0 = System.nanoTime();
        ppo.train(env, ppo.steps() + ppoSteps, 6, Long.MAX_VALUE, null);
        seconds = (System.nanoTime() - t0) / 1e9;
        out.put("ppo.steps_per_s", new SimPerf.Figure(ppoSteps / seconds, "steps/s"));

        // RL4J's DQN on the same scenarios, the same network (2 x 64), the same batch and the same update ratio
        // (one gradient step per trainEvery environment steps: RL4J's own update rule, gated); RL4J steps one copy.
        int dim = env.observationSpace().dimension();
        int nA = env.actionSpace().n();
        double rl4jRate = rl4jRate(new Rl4jDqnConfig(cfg, true, cfg.learningStarts()).create(dim, nA), scenarios,
                Math.max(cfg.learningStarts(), cfg.batchSize()) + 500, rl4jSteps);
        if (rl4jRate > 0) {
            out.put("rl4j-dqn.steps_per_s", new SimPerf.Figure(rl4jRate, "steps/s"));
            out.put("dqn_vs_rl4j.ratio", new SimPerf.Figure(out.get("dqn.steps_per_s").value() / rl4jRate, "x"));
        }
        // RL4J's DQN as it comes (one gradient step per environment step), for reference: its learning starts once
        // the replay holds a batch, so a short warm-up suffices
        double rl4jDefault = rl4jRate(new Rl4jDqnConfig(cfg, false, cfg.batchSize()).create(dim, nA), scenarios,
                cfg.batchSize() + 200, Math.max(800, rl4jSteps / 2));
        if (rl4jDefault > 0) {
            out.put("rl4j-dqn.default.steps_per_s", new SimPerf.Figure(rl4jDefault, "steps/s"));
            out.put("dqn_vs_rl4j_default.ratio", new SimPerf.Figure(out.get("dqn.steps_per_s").value() / rl4jDefault, "x"));
        }

        // Decision latency of a policy loaded from a bundle, on real observations.
        try {
            Path zip = Files.createTempFile("autoops-perf-", ".zip");
            Simulator probe = new Simulator(scenarios.get(0));
            DrlBundles.write(zip, BundleMetadata.of("perf", "dqn", "perf", probe.schema(), probe.actionSpace().labels(),
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

    /** Steps/s of an RL4J learner between the first episode end after {@code warm} steps and the last one. */
    private static double rl4jRate(Rl4jDqnLearner rl4j, List<Scenario> scenarios, long warm, long timed) {
        long[] first = {-1, 0};
        long[] last = {0, 0};
        rl4j.train(new SimVectorEnvironment(scenarios, 1, Simulator.Options.SCENARIO, true), warm + timed, 7, 1, (l, p) -> {
            long now = System.nanoTime();
            if (first[0] < 0 && p.steps() >= warm) {
                first[0] = p.steps();
                first[1] = now;
            }
            last[0] = p.steps();
            last[1] = now;
            return true;
        });
        return first[0] >= 0 && last[0] > first[0] ? (last[0] - first[0]) / ((last[1] - first[1]) / 1e9) : -1;
    }
}
