package io.autoops.experiments.perf;

import io.autoops.core.bundle.BundleMetadata;
import io.autoops.core.mdp.Learner;
import io.autoops.core.mdp.Policy;
import io.autoops.core.mdp.VectorEnvironment;
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
     * @param steps     environment steps of one timed run of our DQN (PPO's runs are a quarter, in whole rollouts)
     * @param rl4jSteps timed environment steps of RL4J's gated DQN (it is far slower; it reports at episode ends)
     * @param runs      timed runs (windows, for RL4J) per figure: each figure is their median
     */
    public static Map<String, SimPerf.Figure> measure(List<Scenario> scenarios, int envs, long steps, long rl4jSteps, int runs) {
        Map<String, SimPerf.Figure> out = new LinkedHashMap<>();
        DqnConfig cfg = DqnConfig.defaults(1);
        SimVectorEnvironment env = new SimVectorEnvironment(scenarios, envs, Simulator.Options.SCENARIO, true);
        // Warm-up past the epsilon decay, so the timed runs act greedily (a forward pass per step) as most of
        // a training run does, and long enough for the JIT to compile the loop.
        DqnLearner dqn = new DqnLearner(cfg, env.observationSpace().dimension(), env.actionSpace().n());
        dqn.train(env, cfg.learningStarts() + cfg.epsilonDecaySteps() + 4 * steps, 3, Long.MAX_VALUE, null);
        double dqnRate = medianRate(dqn, env, steps, 4, runs);
        out.put("dqn.steps_per_s", new SimPerf.Figure(dqnRate, "steps/s"));
        out.put("dqn.gradient_steps_per_s", new SimPerf.Figure(dqnRate / cfg.trainEvery(), "updates/s"));

        // PPO with the same network and the same vector environment: updates per environment step differ by design
        // (4 epochs over each 16 x 128 rollout in minibatches of 256: one update per 64 steps, on 4x the rows).
        PpoConfig ppoCfg = PpoConfig.defaults(1);
        PpoLearner ppo = new PpoLearner(ppoCfg, env.observationSpace().dimension(), env.actionSpace().n());
        long rollout = (long) envs * ppoCfg.rolloutSteps();
        long ppoSteps = Math.max(rollout, steps / 4 / rollout * rollout);   // PPO is slower: shorter runs, whole rollouts
        ppo.train(env, Math.max(2 * ppoSteps, steps), 5, Long.MAX_VALUE, null);
        out.put("ppo.steps_per_s", new SimPerf.Figure(medianRate(ppo, env, ppoSteps, 6, runs), "steps/s"));

        // RL4J's DQN on the same scenarios, the same network (2 x 64), the same batch and the same update ratio
        // (one gradient step per trainEvery environment steps: RL4J's own update rule, gated); RL4J steps one copy.
        // Its rate falls as its replay memory fills (about 3,000 steps/s in the first 8,000 steps after learning
        // starts, 1,500-1,900 later on the development machine), so it is timed over a long stretch of training.
        int dim = env.observationSpace().dimension();
        int nA = env.actionSpace().n();
        double rl4jRate = rl4jRate(new Rl4jDqnConfig(cfg, true, cfg.learningStarts()).create(dim, nA), scenarios,
                Math.max(cfg.learningStarts(), cfg.batchSize()) + 2_000, rl4jSteps, runs);
        if (rl4jRate > 0) {
            out.put("rl4j-dqn.steps_per_s", new SimPerf.Figure(rl4jRate, "steps/s"));
            out.put("dqn_vs_rl4j.ratio", new SimPerf.Figure(dqnRate / rl4jRate, "x"));
        }
        // RL4J's DQN as it comes (one gradient step per environment step), for reference: its learning starts once
        // the replay holds a batch, so a short warm-up suffices
        double rl4jDefault = rl4jRate(new Rl4jDqnConfig(cfg, false, cfg.batchSize()).create(dim, nA), scenarios,
                cfg.batchSize() + 400, Math.max(1_000, rl4jSteps / 10), Math.min(runs, 3));
        if (rl4jDefault > 0) {
            out.put("rl4j-dqn.default.steps_per_s", new SimPerf.Figure(rl4jDefault, "steps/s"));
            out.put("dqn_vs_rl4j_default.ratio", new SimPerf.Figure(dqnRate / rl4jDefault, "x"));
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

    /**
     * Steps/s of an RL4J learner, the median over {@code windows} consecutive windows of about equal length
     * between its episode ends (where it reports) in {@code timed} steps after {@code warm}; -1 if it never reported.
     */
    private static double rl4jRate(Rl4jDqnLearner rl4j, List<Scenario> scenarios, long warm, long timed, int windows) {
        List<long[]> marks = new java.util.ArrayList<>();   // {steps, nanos} at each report after the warm-up
        rl4j.train(new SimVectorEnvironment(scenarios, 1, Simulator.Options.SCENARIO, true), warm + timed, 7, 1, (l, p) -> {
            if (p.steps() >= warm) {
                marks.add(new long[] {p.steps(), System.nanoTime()});
            }
            return true;
        });
        if (marks.size() < 2) {
            return -1;
        }
        long span = marks.get(marks.size() - 1)[0] - marks.get(0)[0];
        List<Double> rates = new java.util.ArrayList<>();
        long[] start = marks.get(0);
        for (long[] mark : marks) {
            if (mark[0] - start[0] >= span / windows) {
                rates.add((mark[0] - start[0]) / ((mark[1] - start[1]) / 1e9));
                start = mark;
            }
        }
        return rates.isEmpty() ? -1 : median(rates.stream().mapToDouble(Double::doubleValue).toArray());
    }

    /** The median steps/s of {@code runs} timed trainings of {@code steps} more steps each (seeds from {@code seed}). */
    private static double medianRate(Learner learner, VectorEnvironment env, long steps, long seed, int runs) {
        double[] rates = new double[runs];
        for (int r = 0; r < runs; r++) {
            long from = learner.steps();
            long t0 = System.nanoTime();
            learner.train(env, from + steps, seed + r, Long.MAX_VALUE, null);
            rates[r] = (learner.steps() - from) / ((System.nanoTime() - t0) / 1e9);
        }
        return median(rates);
    }

    private static double median(double[] values) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        int n = sorted.length;
        return n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
    }
}
