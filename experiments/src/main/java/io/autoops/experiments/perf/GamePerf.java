package io.autoops.experiments.perf;

import io.autoops.core.mdp.AgentId;
import io.autoops.core.mdp.JointPolicy;
import io.autoops.env.scenario.Scenario;
import io.autoops.env.sim.Simulator;
import io.autoops.experiments.bench.PolicyRegistry;
import io.autoops.experiments.bench.PolicySpec;
import io.autoops.experiments.run.EpisodeRunner;
import io.autoops.policies.game.CorrelatedEquilibrium;
import io.autoops.policies.game.FictitiousPlay;
import io.autoops.policies.game.LemkeHowson;
import io.autoops.policies.game.NormalFormGame;
import io.autoops.policies.game.RegretMatching;
import io.autoops.policies.game.StageGamePolicy;
import io.autoops.policies.game.SupportEnumeration;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.function.Consumer;

/**
 * Game-solver times on random two-player games (payoffs uniform in [0, 1), seeded), the median over
 * several games after a warm-up; and the time per joint decision of each stage-game policy over whole
 * episodes of a scenario (p50 and p99 over every decision, and over the decisions that formed a game).
 */
public final class GamePerf {

    private GamePerf() {
    }

    public static Map<String, SimPerf.Figure> measure(Scenario scenario, int episodes) {
        Map<String, SimPerf.Figure> out = new LinkedHashMap<>();
        for (int size : new int[] {5, 10, 20}) {
            if (size <= 10) {
                solver(out, "support", size, g -> SupportEnumeration.solve(g));
            }
            solver(out, "lemke-howson", size, g -> LemkeHowson.solve(g, 0));
            solver(out, "ce-welfare", size, CorrelatedEquilibrium::maxWelfare);
            solver(out, "fictitious-10k", size, g -> FictitiousPlay.solve(g, 10_000, 0));
            solver(out, "regret-10k", size, g -> RegretMatching.solve(g, 10_000, 0));
        }
        for (StageGamePolicy.Mode mode : StageGamePolicy.Mode.values()) {
            decisions(out, scenario, mode, episodes);
        }
        for (String name : PolicyRegistry.shippedBundles()) {
            PolicySpec spec = PolicyRegistry.builtIn(List.of(scenario), 1).get(name);
            if (spec.joint() != null) {
                learnedDecisions(out, scenario, name, spec.joint(), episodes);
            }
        }
        return out;
    }

    /** Per joint decision of a learned team of healers (one forward pass for all of them). */
    private static void learnedDecisions(Map<String, SimPerf.Figure> out, Scenario scenario, String name,
                                         java.util.function.Function<Simulator, JointPolicy> factory, int episodes) {
        double[] all = new double[episodes * scenario.spec().episodeTicks()];
        int[] count = {0};
        for (int e = -1; e < episodes; e++) { // episode -1 warms up
            boolean timed = e >= 0;
            EpisodeRunner.runJoint(scenario, Simulator.Options.SCENARIO, "perf", sim -> {
                JointPolicy policy = factory.apply(sim);
                return (obs, masks) -> {
                    long t0 = System.nanoTime();
                    Map<AgentId, Integer> act = policy.act(obs, masks);
                    if (timed) {
                        all[count[0]++] = (System.nanoTime() - t0) / 1e3;
                    }
                    return act;
                };
            }, 1_000_000 + e, null);
        }
        double[] a = Arrays.copyOf(all, count[0]);
        out.put(name + ".decide.p50_us", new SimPerf.Figure(quantile(a, 0.5), "us"));
        out.put(name + ".decide.p99_us", new SimPerf.Figure(quantile(a, 0.99), "us"));
    }

    private static void solver(Map<String, SimPerf.Figure> out, String name, int size, Consumer<NormalFormGame> solve) {
        SplittableRandom rnd = new SplittableRandom(size);
        int games = size >= 20 ? 5 : 15;
        NormalFormGame[] gs = new NormalFormGame[games];
        for (int i = 0; i < games; i++) {
            gs[i] = random(rnd, size);
        }
        solve.accept(gs[0]); // warm-up
        solve.accept(gs[1]);
        double[] ms = new double[games];
        for (int i = 0; i < games; i++) {
            long t0 = System.nanoTime();
            solve.accept(gs[i]);
            ms[i] = (System.nanoTime() - t0) / 1e6;
        }
        Arrays.sort(ms);
        out.put("game.solve." + name + "." + size + "x" + size + ".ms", new SimPerf.Figure(ms[games / 2], "ms"));
    }

    private static NormalFormGame random(SplittableRandom rnd, int n) {
        double[][] a = new double[n][n];
        double[][] b = new double[n][n];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < n; j++) {
                a[i][j] = rnd.nextDouble();
                b[i][j] = rnd.nextDouble();
            }
        }
        return NormalFormGame.bimatrix("random", a, b);
    }

    private static void decisions(Map<String, SimPerf.Figure> out, Scenario scenario, StageGamePolicy.Mode mode,
                                  int episodes) {
        double[] all = new double[episodes * scenario.spec().episodeTicks()];
        double[] withGame = new double[all.length];
        int[] counts = new int[2];
        for (int e = -1; e < episodes; e++) { // episode -1 warms up
            boolean timed = e >= 0;
            EpisodeRunner.runJoint(scenario, Simulator.Options.SCENARIO, "perf", sim -> {
                StageGamePolicy policy = PolicyRegistry.gamePolicy(sim, mode);
                return (obs, masks) -> {
                    int gamesBefore = policy.stats().games();
                    long t0 = System.nanoTime();
                    Map<AgentId, Integer> act = policy.act(obs, masks);
                    double us = (System.nanoTime() - t0) / 1e3;
                    if (timed) {
                        all[counts[0]++] = us;
                        if (policy.stats().games() > gamesBefore) {
                            withGame[counts[1]++] = us;
                        }
                    }
                    return act;
                };
            }, 1_000_000 + e, null);
        }
        int nAll = counts[0];
        int nGame = counts[1];
        String p = PolicyRegistry.gameName(mode) + ".decide";
        double[] a = Arrays.copyOf(all, nAll);
        double[] g = Arrays.copyOf(withGame, nGame);
        out.put(p + ".p50_us", new SimPerf.Figure(quantile(a, 0.5), "us"));
        out.put(p + ".p99_us", new SimPerf.Figure(quantile(a, 0.99), "us"));
        out.put(p + ".with_game.p50_us", new SimPerf.Figure(quantile(g, 0.5), "us"));
        out.put(p + ".with_game.p99_us", new SimPerf.Figure(quantile(g, 0.99), "us"));
        out.put(p + ".with_game.share", new SimPerf.Figure(nAll == 0 ? 0 : (double) nGame / nAll, "ratio"));
    }

    private static double quantile(double[] v, double q) {
        if (v.length == 0) {
            return Double.NaN;
        }
        double[] s = v.clone();
        Arrays.sort(s);
        return s[Math.min(s.length - 1, (int) Math.floor(q * s.length))];
    }
}
