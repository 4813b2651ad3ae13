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

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * What RL4J's learners share as AutoOps {@link NetworkLearner}s: RL4J owns the training loop, over
 * an {@link Rl4jMdp} wrapping the one-copy vector environment it is given; its per-episode results
 * are relayed to our {@link Listener} (so evaluation, best-model keeping, early stop and the learning
 * curve work as for our learners), and its network is read back as an {@link Mlp} for the greedy
 * policy and bundles.
 *
 * <p>Limits, from RL4J 1.0.0-M1.1 itself: a learner trains once (RL4J's loop cannot be continued),
 * and {@link #resume} is refused, because RL4J cannot save its replay memory and exploration state;
 * {@link #save} writes the network and the normaliser, so a checkpoint still holds the last model.
 */
abstract sealed class Rl4jLearner implements NetworkLearner permits Rl4jDqnLearner, Rl4jA3cLearner {

    protected final int dim;
    protected final int nA;
    protected final ObservationNormalizer normalizer;
    protected final long normalizerSteps;
    private volatile long steps;
    private boolean trained;

    Rl4jLearner(int dim, int nA, long normalizerSteps) {
        this.dim = dim;
        this.nA = nA;
        this.normalizer = new ObservationNormalizer(dim);
        this.normalizerSteps = normalizerSteps;
    }

    /** RL4J's current network whose outputs rank the actions. */
    protected abstract MultiLayerNetwork rankingNetwork();

    /** Builds RL4J's learner over {@code mdp} for {@code maxSteps} steps. */
    protected abstract ILearning<?, ?, ?> build(Rl4jMdp mdp, int maxSteps);

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
        trained = true;
        java.util.function.Supplier<? extends VectorEnvironment> workers = workerEnvironments();
        java.util.function.Supplier<VectorEnvironment> factory = () -> {
            if (workers == null) {
                throw new IllegalStateException("this RL4J learner needs an environment per worker; none was given");
            }
            return workers.get();
        };
        Rl4jMdp mdp = new Rl4jMdp(factory, env, normalizer, normalizerSteps, envSeed);
        ILearning<?, ?, ?> learning = build(mdp, (int) totalSteps);
        long[] nextReport = {reportEvery};
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
                steps = learning.getStepCount();
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
        steps = learning.getStepCount();
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
    }

    @Override
    public void resume(Path dir) throws IOException {
        throw new IOException("RL4J learners cannot resume: RL4J 1.0.0-M1.1 saves its network but not its replay memory, "
                + "step counter and exploration state, so a resumed run would not continue the same curve");
    }
}
