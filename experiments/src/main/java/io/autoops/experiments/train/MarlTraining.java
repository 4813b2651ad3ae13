package io.autoops.experiments.train;

import io.autoops.core.bundle.BundleMetadata;
import io.autoops.core.mdp.JointLearner;
import io.autoops.core.mdp.JointPolicy;
import io.autoops.core.mdp.Learner;
import io.autoops.env.scenario.Scenario;
import io.autoops.env.sim.SimParallelEnvironment;
import io.autoops.env.sim.SimParallelSuite;
import io.autoops.env.sim.Simulator;
import io.autoops.experiments.bench.Seeds;
import io.autoops.experiments.io.AtomicFiles;
import io.autoops.experiments.run.EpisodeRunner;
import io.autoops.policies.drl.Mlp;
import io.autoops.policies.drl.ObservationNormalizer;
import io.autoops.policies.marl.AgentInputs;
import io.autoops.policies.marl.JointGreedyPolicy;
import io.autoops.policies.marl.MarlBundles;
import io.autoops.policies.marl.MarlConfig;
import io.autoops.policies.marl.MarlDqnLearner;

import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.IntStream;

/**
 * Trains the per-service healers together (independent DQN learners or a VDN team) on copies of the
 * simulator's multi-agent view, the way {@link Training} trains single-agent policies: validation on
 * seeds the benchmark never uses (return of the system, as the benchmark scores it), the best networks
 * kept, atomic checkpoints to resume from, the learning curve as CSV and PNG, a progress bar, and a
 * bundle at the end.
 */
public final class MarlTraining {

    /**
     * @param training     scenarios to train on (one topology)
     * @param trainingName what to record as the training scenario or suite
     * @param learner      the algorithm and its hyper-parameters (seeded)
     * @param steps        joint environment steps in all
     * @param envs         environment copies
     * @param evalEvery    environment steps between evaluations
     * @param evalSeeds    validation seeds per scenario at each evaluation
     * @param out          the bundle to write
     * @param resume       a checkpoint folder to resume from (null: start fresh)
     */
    public record Config(List<Scenario> training, String trainingName, MarlConfig learner, long steps, int envs,
                         long evalEvery, int evalSeeds, Path out, Path resume) {
    }

    private MarlTraining() {
    }

    public static Training.Result run(Config cfg, String autoopsVersion, PrintStream progress) {
        List<SimParallelSuite> envs = IntStream.range(0, cfg.envs())
                .mapToObj(i -> new SimParallelSuite(cfg.training(), Simulator.Options.SCENARIO, rewards(cfg.learner()))).toList();
        MarlDqnLearner learner = new MarlDqnLearner(cfg.learner(), AgentInputs.of(envs.get(0)));
        String stem = Training.stem(cfg.out());
        Path checkpoint = cfg.out().resolveSibling(cfg.out().getFileName() + ".checkpoint");
        Path curveCsv = cfg.out().resolveSibling(stem + ".curve.csv");
        Path curvePng = cfg.out().resolveSibling(stem + ".curve.png");
        List<String> curve = new ArrayList<>();
        Best best = new Best();
        if (cfg.resume() != null) {
            resume(learner, cfg.resume(), curve, best);
        }
        long startSteps = learner.steps();
        EvalSchedule schedule = new EvalSchedule(Training.progressBar(startSteps, cfg.steps(), progress), cfg.steps(),
                Math.max(learner.steps(), learner.warmupSteps()), cfg.evalEvery(), curve);
        JointLearner.Listener listener = (any, p) -> {
            if (schedule.due(p)) {
                double eval = evaluate(learner.policy(), cfg.training(), cfg.evalSeeds());
                schedule.record(p, eval);
                if (eval > best.value) {
                    best.keep(eval, learner);
                }
                saveCheckpoint(learner, checkpoint, curve, best);
            }
            return true;
        };
        try {
            // The progress's mean return is the sum of the healers' rewards over finished training episodes.
            learner.train(envs, cfg.steps(), cfg.learner().seed() * 31 + 7, cfg.envs() * 64L, listener);
            Learner.Progress last = schedule.finalReport(learner.steps());
            if (last != null) {
                listener.onProgress(learner, last);
            }
        } finally {
            schedule.close();
        }
        double seconds = schedule.seconds();
        Map<String, String> hyper = new LinkedHashMap<>(learner.hyperParameters());
        hyper.put("envs", "" + cfg.envs());
        hyper.put("rewards", rewards(cfg.learner()).name().toLowerCase(Locale.ROOT));
        BundleMetadata meta = MarlBundles.metadata(stem, learner.algorithm(), autoopsVersion, envs.get(0),
                cfg.trainingName(), cfg.learner().seed(), Map.of("eval.validation.mean_return", best.value,
                        "train.steps", (double) learner.steps(), "train.seconds", seconds), hyper);
        MarlBundles.write(cfg.out(), meta, envs.get(0), best.networks, best.normalizer);
        Training.writeCurve(curve, curveCsv, curvePng, stem);
        return new Training.Result(cfg.out(), checkpoint, curveCsv, curvePng, best.value, learner.steps(), false,
                (learner.steps() - startSteps) / seconds);
    }

    /**
     * Independent learners are rewarded with their own service's reward (the game); the team shares the
     * system's reward, the one the benchmark scores.
     */
    static SimParallelEnvironment.Rewards rewards(MarlConfig cfg) {
        return cfg.mode() == MarlConfig.Mode.TEAM ? SimParallelEnvironment.Rewards.SHARED : SimParallelEnvironment.Rewards.OWN;
    }

    /** Mean return (the system's, as the benchmark scores it) of the greedy healers over the scenarios, on validation seeds. */
    public static double evaluate(JointPolicy policy, List<Scenario> scenarios, int seeds) {
        double sum = 0;
        int n = 0;
        for (Scenario sc : scenarios) {
            for (int i = 0; i < seeds; i++) {
                sum += EpisodeRunner.runJoint(sc, Simulator.Options.SCENARIO, "eval", sim -> policy, Seeds.validation(i), null)
                        .ret();
                n++;
            }
        }
        return sum / n;
    }

    /** The best validated networks so far. */
    private static final class Best {
        double value = Double.NEGATIVE_INFINITY;
        Mlp[] networks;
        ObservationNormalizer normalizer;

        void keep(double v, MarlDqnLearner learner) {
            value = v;
            networks = learner.networksSnapshot();
            normalizer = ObservationNormalizer.fromJson(learner.normalizer().toJson());
        }
    }

    private static void saveCheckpoint(MarlDqnLearner learner, Path checkpoint, List<String> curve, Best best) {
        Path tmp = checkpoint.resolveSibling("." + checkpoint.getFileName() + ".tmp");
        try {
            AtomicFiles.deleteTree(tmp);
            learner.save(tmp);
            Files.writeString(tmp.resolve("curve.csv"), Training.CURVE_HEADER + "\n" + String.join("\n", curve) + "\n");
            Files.writeString(tmp.resolve("best.txt"), Double.toString(best.value));
            for (int j = 0; j < best.networks.length; j++) {
                Files.write(tmp.resolve("best-" + j + ".bin"), Mlp.floatsToBytes(best.networks[j].parameters()));
            }
            Files.writeString(tmp.resolve("best-normalizer.json"), best.normalizer.toJson());
            Training.replace(tmp, checkpoint);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write checkpoint " + checkpoint + ": " + e.getMessage(), e);
        }
    }

    private static void resume(MarlDqnLearner learner, Path dir, List<String> curve, Best best) {
        try {
            learner.resume(dir);
            Path oldCurve = dir.resolve("curve.csv");
            if (Files.exists(oldCurve)) {
                curve.addAll(Files.readAllLines(oldCurve).stream().skip(1).filter(l -> !l.isBlank()).toList());
            }
            if (Files.exists(dir.resolve("best.txt"))) {
                Mlp[] current = learner.networksSnapshot();
                for (int j = 0; j < current.length; j++) {
                    current[j].setParameters(Mlp.bytesToFloats(Files.readAllBytes(dir.resolve("best-" + j + ".bin"))));
                }
                best.value = Double.parseDouble(Files.readString(dir.resolve("best.txt")).strip());
                best.networks = current;
                best.normalizer = ObservationNormalizer.fromJson(Files.readString(dir.resolve("best-normalizer.json")));
            }
        } catch (IOException | RuntimeException e) {
            throw new UncheckedIOException("cannot resume from " + dir + ": " + e.getMessage(),
                    e instanceof IOException io ? io : new IOException(e));
        }
    }
}
