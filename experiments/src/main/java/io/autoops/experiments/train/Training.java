package io.autoops.experiments.train;

import io.autoops.core.analysis.SymptomGate;
import io.autoops.core.bundle.BundleMetadata;
import io.autoops.core.mdp.Policy;
import io.autoops.core.mdp.NoisyObservations;
import io.autoops.core.mdp.VectorEnvironment;
import io.autoops.env.scenario.Scenario;
import io.autoops.env.sim.SimVectorEnvironment;
import io.autoops.env.sim.Simulator;
import io.autoops.experiments.bench.Seeds;
import io.autoops.experiments.io.AtomicFiles;
import io.autoops.experiments.run.EpisodeRunner;
import io.autoops.core.mdp.Learner;
import io.autoops.policies.drl.DrlBundles;
import io.autoops.policies.drl.LearnerConfig;
import io.autoops.policies.drl.Mlp;
import io.autoops.policies.drl.NetworkLearner;
import io.autoops.policies.drl.ObservationNormalizer;
import io.autoops.policies.rl4j.Rl4jA3cLearner;
import me.tongfei.progressbar.ConsoleProgressBarConsumer;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;
import org.jfree.chart.ChartFactory;
import org.jfree.chart.ChartUtils;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.plot.PlotOrientation;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;

import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Trains a learned policy (our DQN or PPO, or RL4J's DQN or A3C) on simulated scenarios: vectorised training, periodic evaluation of the greedy
 * policy on validation seeds (held out from training and from the benchmark's evaluation seeds),
 * best-model selection, a checkpoint after every evaluation (replaced atomically, so an interrupted run
 * keeps the last good one), early stop at a target, a learning curve (CSV and PNG) and the bundle.
 */
public final class Training {

    /**
     * @param training        scenarios to train on (one topology)
     * @param trainingName    what to record as the training scenario or suite
     * @param learner         the algorithm and its hyper-parameters (seeded)
     * @param steps           environment steps in all
     * @param envs            vector copies
     * @param evalEvery       environment steps between evaluations
     * @param evalSeeds       validation seeds per scenario at each evaluation
     * @param targetReturn    stop once the evaluation mean return reaches this (null: never)
     * @param out             the bundle to write
     * @param resume          a checkpoint folder to resume from (null: start fresh)
     * @param gate            train (and evaluate) behind this {@link SymptomGate} ({@link SymptomGate#NAMES}; null:
     *                        none): actions only on targets with symptoms; the bundle records it, so the policy is
     *                        gated wherever it is loaded
     * @param obsNoise        sigma of {@link NoisyObservations} on what the learner sees (0: none); evaluation
     *                        stays clean
     * @param minStd          floor under the observation normaliser's standard deviations (0: none; see
     *                        {@link ObservationNormalizer#withMinStd})
     */
    public record Config(List<Scenario> training, String trainingName, LearnerConfig learner, long steps, int envs,
                         long evalEvery, int evalSeeds, Double targetReturn, Path out, Path resume, String gate,
                         double obsNoise, double minStd) {

        /** Without observation noise. */
        public Config(List<Scenario> training, String trainingName, LearnerConfig learner, long steps, int envs,
                      long evalEvery, int evalSeeds, Double targetReturn, Path out, Path resume, String gate) {
            this(training, trainingName, learner, steps, envs, evalEvery, evalSeeds, targetReturn, out, resume, gate, 0, 0);
        }

        /** Without a gate. */
        public Config(List<Scenario> training, String trainingName, LearnerConfig learner, long steps, int envs,
                      long evalEvery, int evalSeeds, Double targetReturn, Path out, Path resume) {
            this(training, trainingName, learner, steps, envs, evalEvery, evalSeeds, targetReturn, out, resume, null);
        }
    }

    /** The action gate a checkpoint was trained behind; a resumed run must use the same. */
    private static final String GATE_FILE = "gate.txt";
    private static final String NO_GATE = "none";

    /** The learning curve's columns; exploration is epsilon (DQN) or the policy's entropy in nats (PPO). */
    static final String CURVE_HEADER = "steps,wall_s,exploration,train_mean_return,eval_mean_return,loss";

    /** What a run produced. */
    public record Result(Path bundle, Path checkpoint, Path curveCsv, Path curvePng, double bestEvalReturn,
                         long steps, boolean earlyStopped, double stepsPerSecond) {
    }

    private Training() {
    }

    public static Result run(Config cfg, String autoopsVersion, PrintStream progress) {
        Scenario first = cfg.training().get(0);
        SimVectorEnvironment sims = new SimVectorEnvironment(cfg.training(), cfg.envs(), Simulator.Options.SCENARIO, true);
        SymptomGate gate = cfg.gate() == null ? null : SymptomGate.named(cfg.gate(), sims.observationSpace().schema(),
                sims.actionSpace(), first.callGraph(),
                SymptomGate.SYMPTOMS_SURPLUS.equals(cfg.gate()) ? baselineReplicas(cfg.training()) : Map.of());
        VectorEnvironment env = gate == null ? sims : gate.gate(sims);
        if (cfg.obsNoise() > 0) {
            env = new NoisyObservations(env, cfg.obsNoise(), cfg.learner().seed() * 131 + 17);
        }
        int dim = env.observationSpace().dimension();
        int nA = env.actionSpace().n();
        NetworkLearner learner = cfg.learner().create(dim, nA);
        if (cfg.minStd() > 0) {
            learner.normalizer().withMinStd(cfg.minStd());
        }
        if ((gate != null || cfg.obsNoise() > 0) && learner.algorithm().startsWith("rl4j")) {
            throw new IllegalArgumentException("the symptom gate and observation noise need one of our learners (dqn, ppo): "
                    + "RL4J's learners do not take action masks and get their own one-copy environment");
        }
        if (learner instanceof Rl4jA3cLearner a3c) {
            a3c.workers(() -> new SimVectorEnvironment(cfg.training(), 1, Simulator.Options.SCENARIO, true));
        }
        Path checkpoint = cfg.out().resolveSibling(cfg.out().getFileName() + ".checkpoint");
        Path curveCsv = cfg.out().resolveSibling(stem(cfg.out()) + ".curve.csv");
        Path curvePng = cfg.out().resolveSibling(stem(cfg.out()) + ".curve.png");
        List<String> curve = new ArrayList<>();
        double[] best = {Double.NEGATIVE_INFINITY};
        float[][] bestParams = {null};
        String[] bestNorm = {null};
        try {
            if (cfg.resume() != null) {
                Path gateFile = cfg.resume().resolve(GATE_FILE);
                String was = Files.exists(gateFile) ? Files.readString(gateFile).strip() : NO_GATE;
                String now = gate == null ? NO_GATE : cfg.gate();
                if (!was.equals(now)) {
                    throw new IllegalArgumentException("cannot resume " + cfg.resume() + ": it was trained with gate '"
                            + was + "', this run asks for '" + now + "' (the curve would not be one run); "
                            + (was.equals(NO_GATE) ? "leave out --gate" : "add --gate " + was));
                }
                learner.resume(cfg.resume());
                Path oldCurve = cfg.resume().resolve("curve.csv");
                if (Files.exists(oldCurve)) {
                    curve.addAll(Files.readAllLines(oldCurve).stream().skip(1).toList());
                }
                Path bestFile = cfg.resume().resolve("best.txt");
                if (Files.exists(bestFile)) {
                    best[0] = Double.parseDouble(Files.readString(bestFile).strip());
                    bestParams[0] = Mlp.restore(learner.network().configJson(),
                            Mlp.bytesToFloats(Files.readAllBytes(cfg.resume().resolve("best.bin")))).parameters();
                    bestNorm[0] = Files.readString(cfg.resume().resolve("best-normalizer.json"));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot resume from " + cfg.resume() + ": " + e.getMessage(), e);
        }
        long startSteps = learner.steps();
        EvalSchedule schedule = new EvalSchedule(progressBar(startSteps, cfg.steps(), progress), cfg.steps(),
                Math.max(learner.steps(), learner.warmupSteps()), cfg.evalEvery(), curve);
        boolean[] stopped = {false};
        Learner.Listener listener = (any, p) -> {
            if (!schedule.due(p)) {
                return true;
            }
            double eval = evaluate(gated(gate, learner.policy()), cfg.training(), cfg.evalSeeds());
            schedule.record(p, eval);
            if (eval > best[0]) {
                best[0] = eval;
                bestParams[0] = learner.network().parameters();
                bestNorm[0] = learner.normalizer().toJson();
            }
            saveCheckpoint(learner, checkpoint, curve, best[0], bestParams[0], bestNorm[0],
                    gate == null ? NO_GATE : cfg.gate());
            if (cfg.targetReturn() != null && eval >= cfg.targetReturn()) {
                stopped[0] = true;
                return false;
            }
            return true;
        };
        try {
            learner.train(env, cfg.steps(), cfg.learner().seed() * 31 + 7, cfg.envs() * 64L, listener);
            Learner.Progress last = stopped[0] ? null : schedule.finalReport(learner.steps());
            if (last != null) {
                listener.onProgress(learner, last);
            }
        } finally {
            schedule.close();
        }
        double seconds = schedule.seconds();
        if (bestParams[0] == null) {
            double eval = evaluate(gated(gate, learner.policy()), cfg.training(), cfg.evalSeeds());
            best[0] = eval;
            bestParams[0] = learner.network().parameters();
            bestNorm[0] = learner.normalizer().toJson();
        }
        Mlp net = Mlp.restore(learner.network().configJson(), bestParams[0]);
        ObservationNormalizer norm = ObservationNormalizer.fromJson(bestNorm[0]);
        Simulator probe = new Simulator(first);
        Map<String, String> hyper = new LinkedHashMap<>(learner.hyperParameters());
        hyper.put("envs", "" + cfg.envs());
        if (gate != null) {
            hyper.put(SymptomGate.PROPERTY, cfg.gate());
        }
        if (cfg.minStd() > 0) {
            hyper.put("minStd", "" + cfg.minStd());
        }
        if (cfg.obsNoise() > 0) {
            hyper.put("obsNoise", "" + cfg.obsNoise());
        }
        BundleMetadata meta = BundleMetadata.of(stem(cfg.out()), learner.algorithm(), autoopsVersion, probe.schema(),
                probe.actionSpace().labels(), cfg.trainingName(), cfg.learner().seed(),
                Map.of("eval.validation.mean_return", best[0], "train.steps", (double) learner.steps(),
                        "train.seconds", seconds),
                Instant.now(), hyper);
        DrlBundles.write(cfg.out(), meta, net, norm);
        writeCurve(curve, curveCsv, curvePng, stem(cfg.out()));
        return new Result(cfg.out(), checkpoint, curveCsv, curvePng, best[0], learner.steps(), stopped[0],
                (learner.steps() - startSteps) / seconds);
    }

    /** The services' baseline replicas, the same in every training scenario (the surplus gate is built once for them all). */
    static Map<String, Integer> baselineReplicas(List<Scenario> scenarios) {
        Map<String, Integer> baseline = scenarios.get(0).baselineReplicas();
        for (Scenario sc : scenarios) {
            if (!sc.baselineReplicas().equals(baseline)) {
                throw new IllegalArgumentException("the training scenarios differ in their services' replicas ("
                        + scenarios.get(0).name() + ": " + baseline + ", " + sc.name() + ": " + sc.baselineReplicas()
                        + "); train a gated policy on scenarios of one topology");
            }
        }
        return baseline;
    }

    private static Policy gated(SymptomGate gate, Policy policy) {
        return gate == null ? policy : gate.gate(policy);
    }

    /** Mean return of the greedy policy over the scenarios, on validation seeds. */
    public static double evaluate(Policy policy, List<Scenario> scenarios, int seeds) {
        double sum = 0;
        int n = 0;
        for (Scenario sc : scenarios) {
            for (int i = 0; i < seeds; i++) {
                sum += EpisodeRunner.run(sc, Simulator.Options.SCENARIO, "eval", policy, Seeds.validation(i), null).ret();
                n++;
            }
        }
        return sum / n;
    }

    private static void saveCheckpoint(NetworkLearner l, Path checkpoint, List<String> curve, double best, float[] bestParams,
                                       String bestNorm, String gate) {
        Path tmp = checkpoint.resolveSibling("." + checkpoint.getFileName() + ".tmp");
        try {
            AtomicFiles.deleteTree(tmp);
            l.save(tmp);
            Files.writeString(tmp.resolve("curve.csv"), CURVE_HEADER + "\n"
                    + String.join("\n", curve) + "\n");
            Files.writeString(tmp.resolve("best.txt"), Double.toString(best));
            Files.write(tmp.resolve("best.bin"), Mlp.floatsToBytes(bestParams));
            Files.writeString(tmp.resolve("best-normalizer.json"), bestNorm);
            Files.writeString(tmp.resolve(GATE_FILE), gate);
            replace(tmp, checkpoint);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write checkpoint " + checkpoint + ": " + e.getMessage(), e);
        }
    }

    /** Moves a freshly written checkpoint folder over the old one, never leaving neither in place. */
    static void replace(Path tmp, Path checkpoint) throws IOException {
        Path old = checkpoint.resolveSibling("." + checkpoint.getFileName() + ".old");
        AtomicFiles.deleteTree(old);
        if (Files.exists(checkpoint)) {
            Files.move(checkpoint, old, StandardCopyOption.ATOMIC_MOVE);
        }
        Files.move(tmp, checkpoint, StandardCopyOption.ATOMIC_MOVE);
        AtomicFiles.deleteTree(old);
    }

    /** The console progress bar of a training run (null without a stream). */
    /** A bar to {@code steps}; a resumed run's starts at the steps done, so its speed is this run's. */
    static ProgressBar progressBar(long done, long steps, PrintStream progress) {
        return progress == null ? null : new ProgressBarBuilder().setTaskName("training")
                .setInitialMax(steps).startsFrom(done, java.time.Duration.ZERO).setStyle(ProgressBarStyle.ASCII).setUpdateIntervalMillis(1000)
                .showSpeed().setUnit(" steps", 1).setConsumer(new ConsoleProgressBarConsumer(progress)).build();
    }

    /** Writes the learning curve as CSV and PNG, each atomically. */
    static void writeCurve(List<String> curve, Path csv, Path png, String title) {
        AtomicFiles.write(csv, w -> {
            w.write(CURVE_HEADER + "\n");
            for (String row : curve) {
                w.write(row + "\n");
            }
        });
        AtomicFiles.writeBytes(png, curvePng(curve, title));
    }

    static byte[] curvePng(List<String> curve, String title) {
        XYSeries train = new XYSeries("training episodes (mean return)");
        XYSeries eval = new XYSeries("validation (greedy, mean return)");
        for (String row : curve) {
            String[] f = row.split(",");
            double steps = Double.parseDouble(f[0]);
            if (!f[3].equals("NaN")) {
                train.add(steps, Double.parseDouble(f[3]));
            }
            eval.add(steps, Double.parseDouble(f[4]));
        }
        XYSeriesCollection data = new XYSeriesCollection();
        data.addSeries(train);
        data.addSeries(eval);
        System.setProperty("java.awt.headless", "true");
        JFreeChart chart = ChartFactory.createXYLineChart("Learning curve: " + title, "environment steps", "episode return",
                data, PlotOrientation.VERTICAL, true, false, false);
        chart.getXYPlot().setBackgroundPaint(java.awt.Color.WHITE);
        chart.getXYPlot().setRangeGridlinePaint(java.awt.Color.LIGHT_GRAY);
        try {
            java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
            ChartUtils.writeChartAsPNG(out, chart, 900, 450);
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static String stem(Path p) {
        String n = p.getFileName().toString();
        return n.endsWith(".zip") ? n.substring(0, n.length() - 4) : n;
    }

}
