package io.autoops.policies.rl4j;

import io.autoops.core.mdp.VectorEnvironment;
import io.autoops.policies.drl.GreedyPolicy;
import io.autoops.policies.drl.Mlp;
import io.autoops.policies.drl.NetworkLearner;
import io.autoops.policies.drl.ObservationNormalizer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.rl4j.learning.IEpochTrainer;
import org.deeplearning4j.rl4j.learning.ILearning;
import org.deeplearning4j.rl4j.learning.listener.TrainingListener;
import org.deeplearning4j.rl4j.util.IDataManager;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * What RL4J's learners share as AutoOps {@link NetworkLearner}s: RL4J owns the training loop, over
 * an {@link Rl4jMdp} wrapping the one-copy vector environment it is given; its per-episode results
 * are relayed to our {@link Listener} (so evaluation, best-model keeping, early stop and the learning
 * curve work as for our learners), and its network is read back as an {@link Mlp} for the greedy
 * policy and bundles.
 *
 * <p>Checkpoints: {@link #save} writes every network RL4J trains (parameters, Adam state and
 * iteration count), the normaliser and the step count; a fresh learner {@link #resume}s from them
 * and its {@link #train} continues the same step count and schedule. What RL4J 1.0.0-M1.1 cannot
 * hand over is not saved and starts again on resume, as Stable-Baselines3 does when a model is
 * loaded without its replay buffer: the DQN's replay memory refills (learning waits for a batch)
 * and its target network restarts as a copy of the online one; RL4J's random generators are
 * re-seeded. Epsilon continues exactly (RL4J computes it from the step count), and the
 * environment's episodes are seeded by the step the run resumed at. A learner trains once (RL4J's
 * loop cannot be continued in the same object): resume a new one to go on.
 */
abstract sealed class Rl4jLearner implements NetworkLearner permits Rl4jDqnLearner, Rl4jA3cLearner {

    protected final int dim;
    protected final int nA;
    protected final ObservationNormalizer normalizer;
    protected final long normalizerSteps;
    private volatile long steps;
    private boolean trained;
    /** Networks read by {@link #resume}, applied to RL4J's when it builds them (null: fresh). */
    private List<SavedNetwork> restored;
    private Mlp restoredRanking;

    /** One RL4J network's trainable state, as a checkpoint holds it. */
    private record SavedNetwork(float[] parameters, float[] updaterState, int iterations) {
    }

    Rl4jLearner(int dim, int nA, long normalizerSteps) {
        this.dim = dim;
        this.nA = nA;
        this.normalizer = new ObservationNormalizer(dim);
        this.normalizerSteps = normalizerSteps;
    }

    /** RL4J's current network whose outputs rank the actions. */
    protected abstract MultiLayerNetwork rankingNetwork();

    /** Every network RL4J trains, in a fixed order (what a checkpoint holds); empty before training. */
    protected abstract List<MultiLayerNetwork> trainedNetworks();

    /**
     * Builds RL4J's learner over {@code mdp} to train until {@code totalSteps} steps, continuing
     * from {@code startSteps} already done (0 unless resumed). Implementations build their
     * networks, call {@link #restoreInto} on them before RL4J copies any (target networks), and
     * make {@link #stepsDone} count from {@code startSteps}.
     */
    protected abstract ILearning<?, ?, ?> build(Rl4jMdp mdp, int totalSteps, int startSteps);

    /** Environment steps done so far by {@code learning}, counted from the start of the whole run. */
    protected long stepsDone(ILearning<?, ?, ?> learning) {
        return learning.getStepCount();
    }

    /** Gives freshly built networks the state a checkpoint holds (nothing when not resumed). */
    protected final void restoreInto(List<MultiLayerNetwork> nets) {
        if (restored == null) {
            return;
        }
        if (nets.size() != restored.size()) {
            throw new IllegalStateException("the checkpoint holds " + restored.size() + " networks, RL4J built " + nets.size());
        }
        for (int i = 0; i < nets.size(); i++) {
            MultiLayerNetwork net = nets.get(i);
            SavedNetwork saved = restored.get(i);
            if (net.params().length() != saved.parameters().length) {
                throw new IllegalStateException("checkpoint network " + i + " has " + saved.parameters().length
                        + " parameters, this learner's " + net.params().length() + ": was it trained with other settings?");
            }
            net.setParams(Nd4j.create(saved.parameters(), new long[] {1, saved.parameters().length}, DataType.FLOAT));
            INDArray state = net.getUpdater().getStateViewArray();
            long has = state == null ? 0 : state.length();
            if (saved.updaterState().length > 0 && has != saved.updaterState().length) {
                throw new IllegalStateException("checkpoint network " + i + " has " + saved.updaterState().length
                        + " optimiser values, this learner's " + has + ": was it trained with another updater?");
            }
            if (has > 0 && saved.updaterState().length > 0) {
                state.assign(Nd4j.create(saved.updaterState(), new long[] {1, saved.updaterState().length}, DataType.FLOAT));
            }
            net.setIterationCount(saved.iterations());
        }
    }

    /** Registers the listener with the learner {@link #build} made. */
    protected abstract void addListener(ILearning<?, ?, ?> learning, TrainingListener listener);

    /** How exploratory acting is now (epsilon; NaN when RL4J does not say). */
    protected double exploration(ILearning<?, ?, ?> learning) {
        return Double.NaN;
    }

    /** RL4J's asynchronous learners ask a new environment per worker; null: only the one given to train. */
    protected java.util.function.Supplier<? extends VectorEnvironment> workerEnvironments() {
        return null;
    }

    @Override
    public void train(VectorEnvironment env, long totalSteps, long envSeed, long reportEvery, Listener listener) {
        if (trained) {
            throw new IllegalStateException("an RL4J learner trains once: RL4J 1.0.0-M1.1 cannot continue a finished run");
        }
        if (env.observationSpace().dimension() != dim || env.actionSpace().n() != nA) {
            throw new IllegalArgumentException("environment does not match the learner's spaces");
        }
        if (totalSteps > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("RL4J counts steps in an int: at most " + Integer.MAX_VALUE + " steps");
        }
        long start = steps;
        if (start >= totalSteps) {
            return;
        }
        trained = true;
        java.util.function.Supplier<? extends VectorEnvironment> workers = workerEnvironments();
        java.util.function.Supplier<VectorEnvironment> factory = () -> {
            if (workers == null) {
                throw new IllegalStateException("this RL4J learner needs an environment per worker; none was given");
            }
            return workers.get();
        };
        Rl4jMdp mdp = new Rl4jMdp(factory, env, normalizer, normalizerSteps, envSeed ^ start).countingFrom(start);
        ILearning<?, ?, ?> learning = build(mdp, (int) totalSteps, (int) start);
        restored = null;
        restoredRanking = null;
        long[] nextReport = {start + reportEvery};
        double[] returnSum = {0};
        int[] returnCount = {0};
        long[] episodes = {0};
        addListener(learning, new TrainingListener() {
            @Override
            public ListenerResponse onTrainingStart() {
                return ListenerResponse.CONTINUE;
            }

            @Override
            public void onTrainingEnd() {
            }

            @Override
            public ListenerResponse onNewEpoch(IEpochTrainer trainer) {
                return ListenerResponse.CONTINUE;
            }

            @Override
            public ListenerResponse onEpochTrainingResult(IEpochTrainer trainer, IDataManager.StatEntry stat) {
                steps = stepsDone(learning);
                episodes[0]++;
                returnSum[0] += stat.getReward();
                returnCount[0]++;
                if (listener == null || steps < nextReport[0]) {
                    return ListenerResponse.CONTINUE;
                }
                nextReport[0] = steps + reportEvery;
                Progress p = new Progress(steps, 0, exploration(learning), returnSum[0] / returnCount[0], episodes[0], Double.NaN);
                returnSum[0] = 0;
                returnCount[0] = 0;
                return listener.onProgress(Rl4jLearner.this, p) ? ListenerResponse.CONTINUE : ListenerResponse.STOP;
            }

            @Override
            public ListenerResponse onTrainingProgress(ILearning learning) {
                return ListenerResponse.CONTINUE;
            }
        });
        learning.train();
        steps = stepsDone(learning);
    }

    @Override
    public long steps() {
        return steps;
    }

    @Override
    public long warmupSteps() {
        return 0;
    }

    @Override
    public ObservationNormalizer normalizer() {
        return normalizer;
    }

    /** A copy of RL4J's current network (taken now: later training does not change it). */
    @Override
    public Mlp network() {
        MultiLayerNetwork net = rankingNetwork();
        if (net == null && restoredRanking != null) {
            return Mlp.restore(restoredRanking.configJson(), restoredRanking.parameters());
        }
        if (net == null) {
            throw new IllegalStateException("RL4J has not built its network yet: train first");
        }
        return Mlp.restore(net.getLayerWiseConfigurations().toJson(), net.params().toFloatVector());
    }

    @Override
    public GreedyPolicy policy() {
        return new GreedyPolicy(network(), normalizer);
    }

    @Override
    public void save(Path dir) throws IOException {
        Files.createDirectories(dir);
        Mlp net = network();
        Files.writeString(dir.resolve("network.json"), net.configJson());
        Files.write(dir.resolve("parameters.bin"), Mlp.floatsToBytes(net.parameters()));
        Files.writeString(dir.resolve("normalizer.json"), normalizer.toJson());
        Files.writeString(dir.resolve("steps.txt"), Long.toString(steps));
        List<MultiLayerNetwork> nets = trainedNetworks();
        Files.writeString(dir.resolve(NETWORKS_FILE), Integer.toString(nets.size()));
        for (int i = 0; i < nets.size(); i++) {
            MultiLayerNetwork m = nets.get(i);
            INDArray state = m.getUpdater().getStateViewArray();
            Files.write(dir.resolve("rl4j-" + i + ".parameters.bin"), Mlp.floatsToBytes(m.params().toFloatVector()));
            Files.write(dir.resolve("rl4j-" + i + ".updater.bin"),
                    Mlp.floatsToBytes(state == null ? new float[0] : state.toFloatVector()));
            Files.writeString(dir.resolve("rl4j-" + i + ".iterations.txt"), Integer.toString(m.getIterationCount()));
        }
    }

    /**
     * Reads a checkpoint {@link #save} wrote into this fresh learner: {@link #train} then goes on
     * from its step count with its networks, Adam state and normaliser (see the class comment for
     * what RL4J cannot continue).
     */
    @Override
    public void resume(Path dir) throws IOException {
        if (trained) {
            throw new IllegalStateException("resume a fresh RL4J learner: this one has trained");
        }
        Path count = dir.resolve(NETWORKS_FILE);
        if (!Files.exists(count)) {
            throw new IOException(dir + " is not an RL4J checkpoint of this version: " + NETWORKS_FILE + " is missing");
        }
        try {
            int n = Integer.parseInt(Files.readString(count).strip());
            List<SavedNetwork> nets = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                nets.add(new SavedNetwork(Mlp.bytesToFloats(Files.readAllBytes(dir.resolve("rl4j-" + i + ".parameters.bin"))),
                        Mlp.bytesToFloats(Files.readAllBytes(dir.resolve("rl4j-" + i + ".updater.bin"))),
                        Integer.parseInt(Files.readString(dir.resolve("rl4j-" + i + ".iterations.txt")).strip())));
            }
            Mlp ranking = Mlp.restore(Files.readString(dir.resolve("network.json")),
                    Mlp.bytesToFloats(Files.readAllBytes(dir.resolve("parameters.bin"))));
            if (ranking.inputs() != dim || ranking.outputs() != nA) {
                throw new IOException(dir + ": its network maps " + ranking.inputs() + " features to " + ranking.outputs()
                        + " actions, this learner " + dim + " to " + nA);
            }
            ObservationNormalizer norm = ObservationNormalizer.fromJson(Files.readString(dir.resolve("normalizer.json")));
            long at = Long.parseLong(Files.readString(dir.resolve("steps.txt")).strip());
            // frozen at the checkpoint's estimate, even when it was taken before normalizerSteps
            normalizer.copyFrom(norm);
            restored = nets;
            restoredRanking = ranking;
            steps = at;
        } catch (NumberFormatException e) {
            throw new IOException(dir + ": a counter file is not a number: " + e.getMessage(), e);
        }
    }

    private static final String NETWORKS_FILE = "rl4j-networks.txt";
}
