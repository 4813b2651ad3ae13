package io.autoops.policies.drl;

import io.autoops.core.mdp.VectorEnvironment;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;

/**
 * Deep Q-learning on DL4J, vectorised: double DQN with a target network, n-step returns, a replay
 * buffer in primitive arrays, TD-error clipping (the Huber gradient), a linear epsilon schedule and
 * action masks (invalid actions are never explored, chosen or bootstrapped from). One forward pass
 * chooses the actions of all N environment copies; a gradient step follows every
 * {@link DqnConfig#trainEvery()} environment steps.
 *
 * <p>{@link #train} is the whole algorithm, top to bottom. Not thread-safe.
 */
public final class DqnLearner implements NetworkLearner {

    private final DqnConfig cfg;
    private final int dim;
    private final int nA;
    private final Mlp online;
    private final Mlp target;
    private final ObservationNormalizer normalizer;
    private final ReplayBuffer buffer;
    private final SplitMix64 rng;
    private long steps;
    private long gradientSteps;
    private long episodes;
    private double lastLoss = Double.NaN;

    public DqnLearner(DqnConfig cfg, int observationDim, int actions) {
        this.cfg = cfg;
        this.dim = observationDim;
        this.nA = actions;
        this.online = Mlp.create(dim, nA, cfg.hidden(), cfg.learningRate(), cfg.gradientClip(), cfg.seed());
        this.target = Mlp.create(dim, nA, cfg.hidden(), cfg.learningRate(), cfg.gradientClip(), cfg.seed());
        this.target.copyFrom(online);
        this.normalizer = new ObservationNormalizer(dim);
        this.buffer = new ReplayBuffer(cfg.bufferSize(), dim, nA);
        this.rng = new SplitMix64(cfg.seed() ^ 0x6A09E667F3BCC909L);
    }

    public DqnConfig config() {
        return cfg;
    }

    @Override
    public long steps() {
        return steps;
    }

    public long gradientSteps() {
        return gradientSteps;
    }

    @Override
    public String algorithm() {
        return "dqn";
    }

    @Override
    public Mlp network() {
        return online;
    }

    @Override
    public ObservationNormalizer normalizer() {
        return normalizer;
    }

    @Override
    public GreedyPolicy policy() {
        return new GreedyPolicy(online, normalizer);
    }

    @Override
    public long warmupSteps() {
        return cfg.learningStarts();
    }

    @Override
    public Map<String, String> hyperParameters() {
        return Map.of("hidden", Arrays.toString(cfg.hidden()), "learningRate", "" + cfg.learningRate(),
                "gamma", "" + cfg.gamma(), "nStep", "" + cfg.nStep(), "batchSize", "" + cfg.batchSize(),
                "trainEvery", "" + cfg.trainEvery(), "targetUpdateEvery", "" + cfg.targetUpdateEvery(),
                "epsilonDecaySteps", "" + cfg.epsilonDecaySteps(), "actionGap", "" + cfg.actionGap());
    }

    @Override
    public void train(VectorEnvironment env, long totalSteps, long envSeed, long reportEvery, Listener listener) {
        int n = env.numEnvs();
        if (env.observationSpace().dimension() != dim || env.actionSpace().n() != nA) {
            throw new IllegalArgumentException("environment does not match the learner's spaces");
        }
        int steps1 = cfg.nStep();
        float[] obs = new float[n * dim];
        float[] next = new float[n * dim];
        boolean[] nextMask = new boolean[n * nA];
        float[] q = new float[n * nA];
        int[] actions = new int[n];
        // n-step staging per copy: normalised observations, actions, rewards, and how many are staged
        float[][] stagedObs = new float[n][steps1 * dim];
        int[][] stagedAction = new int[n][steps1];
        boolean[][] stagedMask = new boolean[n][steps1 * nA];
        float[][] stagedReward = new float[n][steps1];
        int[] staged = new int[n];
        double[] episodeReturn = new double[n];
        double returnSum = 0;
        int returnCount = 0;
        double gradientDebt = 0;
        long nextReport = steps + reportEvery;
        int[] batch = new int[cfg.batchSize()];
        boolean[] allValid = new boolean[nA];
        Arrays.fill(allValid, true);

        env.reset(envSeed ^ steps);
        while (steps < totalSteps) {
            // 1. Observe (the normaliser is estimated during warm-up, then frozen).
            double[] raw = env.observations();
            if (!normalizer.frozen()) {
                normalizer.update(raw, n);
                if (steps >= cfg.learningStarts()) {
                    normalizer.freeze();
                }
            }
            normalizer.apply(raw, n, obs);
            boolean[] masks = env.actionMasks();

            // 2. Act: epsilon-greedy over valid actions, one forward pass for all copies.
            double eps = steps < cfg.learningStarts() ? 1.0 : cfg.epsilon(steps);
            boolean greedyNeeded = eps < 1.0;
            if (greedyNeeded) {
                System.arraycopy(online.forwardKeeping(obs, 0, n, 0), 0, q, 0, n * nA);
            }
            for (int i = 0; i < n; i++) {
                actions[i] = !greedyNeeded || rng.nextDouble() < eps ? Masks.random(masks, i * nA, nA, rng)
                        : Masks.argmax(q, i * nA, masks, i * nA, nA);
            }
            for (int i = 0; i < n; i++) {
                int k = staged[i];
                System.arraycopy(obs, i * dim, stagedObs[i], k * dim, dim);
                System.arraycopy(masks, i * nA, stagedMask[i], k * nA, nA);
                stagedAction[i][k] = actions[i];
            }

            // 3. Step every copy (auto-reset on episode end).
            env.step(actions);
            steps += n;
            double[] rewards = env.rewards();
            boolean[] term = env.terminated();
            boolean[] trunc = env.truncated();
            double[] rawNext = env.observations();
            double[] rawFinal = env.finalObservations();
            boolean[] nextMasks = env.actionMasks();
            for (int i = 0; i < n; i++) {
                boolean ended = term[i] || trunc[i];
                double[] src = ended ? rawFinal : rawNext;
                normalizer.applyRow(src, i * dim, next, i * dim);
                if (ended) {
                    System.arraycopy(allValid, 0, nextMask, i * nA, nA);
                } else {
                    System.arraycopy(nextMasks, i * nA, nextMask, i * nA, nA);
                }
                stagedReward[i][staged[i]] = (float) rewards[i];
                staged[i]++;
                episodeReturn[i] += rewards[i];
                // 4. Store n-step transitions: the oldest staged one when n are staged, all of them at the end.
                if (staged[i] == steps1 || ended) {
                    int emit = ended ? staged[i] : 1;
                    for (int e = 0; e < emit; e++) {
                        float ret = 0;
                        float disc = 1;
                        for (int k = e; k < staged[i]; k++) {
                            ret += disc * stagedReward[i][k];
                            disc *= (float) cfg.gamma();
                        }
                        buffer.add(stagedObs[i], e * dim, stagedMask[i], e * nA, stagedAction[i][e], ret,
                                term[i] ? 0f : disc, next, i * dim, nextMask, i * nA);
                    }
                    if (ended) {
                        staged[i] = 0;
                        episodes++;
                        returnSum += episodeReturn[i];
                        returnCount++;
                        episodeReturn[i] = 0;
                    } else {
                        // drop the oldest
                        System.arraycopy(stagedObs[i], dim, stagedObs[i], 0, (steps1 - 1) * dim);
                        System.arraycopy(stagedAction[i], 1, stagedAction[i], 0, steps1 - 1);
                        System.arraycopy(stagedMask[i], nA, stagedMask[i], 0, (steps1 - 1) * nA);
                        System.arraycopy(stagedReward[i], 1, stagedReward[i], 0, steps1 - 1);
                        staged[i] = steps1 - 1;
                    }
                }
            }

            // 5. Learn: one gradient step per trainEvery environment steps.
            if (steps >= cfg.learningStarts() && buffer.size() >= cfg.batchSize()) {
                gradientDebt += n / (double) cfg.trainEvery();
                while (gradientDebt >= 1) {
                    gradientDebt -= 1;
                    learn(batch);
                }
            }

            if (listener != null && steps >= nextReport) {
                nextReport += reportEvery;
                Progress p = new Progress(steps, gradientSteps, eps, returnCount == 0 ? Double.NaN : returnSum / returnCount,
                        episodes, lastLoss);
                returnSum = 0;
                returnCount = 0;
                if (!listener.onProgress(this, p)) {
                    break;
                }
            }
        }
    }

    private float[] both = new float[0];
    private int[] taken = new int[0];   // the action of each batch row, where its gradient is non-zero
    private float[] dq = new float[0];  // d loss / d Q(s, a) of each batch row

    /**
     * One gradient step on a sampled batch, on {@link Mlp}'s fused path: the MSE gradient towards the
     * TD target, with the TD error clipped (the Huber gradient), is non-zero only at the action taken
     * ({@link Mlp#descendAt}).
     */
    private void learn(int[] batch) {
        int b = batch.length;
        if (both.length != 2 * b * dim) {
            both = new float[2 * b * dim];
            taken = new int[b];
            dq = new float[b];
        }
        sampleBatch(batch);
        // the batch's observations in the first b rows, their next observations in the next b
        for (int k = 0; k < b; k++) {
            System.arraycopy(buffer.obs, batch[k] * dim, both, k * dim, dim);
            System.arraycopy(buffer.next, batch[k] * dim, both, (b + k) * dim, dim);
        }
        // with advantage learning the target network values the batch's observations too (rows 0..b), else only the next
        boolean gap = cfg.actionGap() > 0;
        float[] qTarget = gap ? target.forwardKeeping(both, 0, 2 * b, 0) : target.forwardKeeping(both, b, b, 0);
        int next = gap ? b * nA : 0;
        float[] qCurrent;
        float[] qNextOnline;   // chooses the bootstrap action, from row offset `from`
        int from;
        if (cfg.doubleDqn()) {
            // one forward pass of the online network for both the batch and its next observations
            qCurrent = online.forwardKeeping(both, 0, 2 * b, b);
            qNextOnline = qCurrent;
            from = b * nA;
        } else {
            qCurrent = online.forwardKeeping(both, 0, b, b);
            qNextOnline = qTarget;
            from = next;
        }
        double loss = 0;
        for (int k = 0; k < b; k++) {
            int idx = batch[k];
            int aStar = Masks.argmax(qNextOnline, from + k * nA, buffer.nextMask, idx * nA, nA);
            float y = buffer.reward[idx] + buffer.discount[idx] * qTarget[next + k * nA + aStar];
            int a = buffer.action[idx];
            if (gap) {
                int best = Masks.argmax(qTarget, k * nA, buffer.mask, idx * nA, nA);
                y -= (float) cfg.actionGap() * (qTarget[k * nA + best] - qTarget[k * nA + a]);
            }
            float td = y - qCurrent[k * nA + a];
            loss += td * td;
            float clipped = (float) Math.max(-cfg.tdClip(), Math.min(cfg.tdClip(), td));
            // d/d output of the MSE towards (output + clipped) at the action taken: 2 (output - target) / outputs
            taken[k] = a;
            dq[k] = -2f * clipped / nA;
        }
        lastLoss = loss / b;
        if (!Double.isFinite(lastLoss)) {
            throw new DivergenceException("DQN diverged at step " + steps + " (gradient step " + gradientSteps
                    + "): TD loss is " + lastLoss + "; lower the learning rate or check the rewards");
        }
        online.descendAt(taken, dq);
        gradientSteps++;
        if (gradientSteps % cfg.targetUpdateEvery() == 0) {
            target.copyFrom(online);
        }
    }

    private void sampleBatch(int[] batch) {
        for (int i = 0; i < batch.length; i++) {
            batch[i] = rng.nextInt(buffer.size());
        }
    }

    // ------------------------------------------------------------------------------- checkpoints

    /** Writes the whole learner state (networks, optimiser, normaliser, buffer, counters, RNG) to {@code dir}. */
    @Override
    public void save(Path dir) throws IOException {
        Files.createDirectories(dir);
        Files.writeString(dir.resolve("network.json"), online.configJson());
        Files.write(dir.resolve("online.bin"), Mlp.floatsToBytes(online.parameters()));
        Files.write(dir.resolve("target.bin"), Mlp.floatsToBytes(target.parameters()));
        Files.write(dir.resolve("updater.bin"), Mlp.floatsToBytes(online.updaterState()));
        Files.writeString(dir.resolve("normalizer.json"), normalizer.toJson());
        try (DataOutputStream out = new DataOutputStream(new java.io.BufferedOutputStream(
                Files.newOutputStream(dir.resolve("state.bin"))))) {
            out.writeLong(steps);
            out.writeLong(gradientSteps);
            out.writeLong(episodes);
            out.writeLong(rng.state());
            out.writeBoolean(normalizer.frozen());
            out.writeInt(online.iterations());
            out.writeInt(buffer.size());
            out.writeInt(buffer.position());
            for (int i = 0; i < buffer.size(); i++) {
                for (int d = 0; d < dim; d++) {
                    out.writeFloat(buffer.obs[i * dim + d]);
                    out.writeFloat(buffer.next[i * dim + d]);
                }
                out.writeInt(buffer.action[i]);
                out.writeFloat(buffer.reward[i]);
                out.writeFloat(buffer.discount[i]);
                for (int a = 0; a < nA; a++) {
                    out.writeBoolean(buffer.nextMask[i * nA + a]);
                }
            }
        }
        // the observations' masks in a file of their own: checkpoints written before they were kept stay readable
        byte[] masks = new byte[buffer.size() * nA];
        for (int i = 0; i < masks.length; i++) {
            masks[i] = (byte) (buffer.mask[i] ? 1 : 0);
        }
        Files.write(dir.resolve("masks.bin"), masks);
    }

    /** Restores what {@link #save(Path)} wrote; the learner must have the same configuration and spaces. */
    @Override
    public void resume(Path dir) throws IOException {
        online.setParameters(Mlp.bytesToFloats(Files.readAllBytes(dir.resolve("online.bin"))));
        target.setParameters(Mlp.bytesToFloats(Files.readAllBytes(dir.resolve("target.bin"))));
        online.setUpdaterState(Mlp.bytesToFloats(Files.readAllBytes(dir.resolve("updater.bin"))));
        ObservationNormalizer saved = ObservationNormalizer.fromJson(Files.readString(dir.resolve("normalizer.json")));
        normalizer.copyFrom(saved);
        try (DataInputStream in = new DataInputStream(new java.io.BufferedInputStream(
                Files.newInputStream(dir.resolve("state.bin"))))) {
            steps = in.readLong();
            gradientSteps = in.readLong();
            episodes = in.readLong();
            rng.setState(in.readLong());
            if (!in.readBoolean()) {
                normalizer.unfreeze();
            }
            online.setIterations(in.readInt());
            int size = in.readInt();
            int pos = in.readInt();
            if (size > buffer.capacity) {
                throw new IOException("checkpoint buffer holds " + size + " transitions, this learner's holds " + buffer.capacity);
            }
            for (int i = 0; i < size; i++) {
                for (int d = 0; d < dim; d++) {
                    buffer.obs[i * dim + d] = in.readFloat();
                    buffer.next[i * dim + d] = in.readFloat();
                }
                buffer.action[i] = in.readInt();
                buffer.reward[i] = in.readFloat();
                buffer.discount[i] = in.readFloat();
                for (int a = 0; a < nA; a++) {
                    buffer.nextMask[i * nA + a] = in.readBoolean();
                }
            }
            Path masks = dir.resolve("masks.bin");
            if (Files.exists(masks)) {
                byte[] m = Files.readAllBytes(masks);
                if (m.length != size * nA) {
                    throw new IOException(masks + ": " + m.length + " bytes, the buffer's " + size + " transitions need " + size * nA);
                }
                for (int i = 0; i < m.length; i++) {
                    buffer.mask[i] = m[i] != 0;
                }
            } else if (cfg.actionGap() > 0) {
                throw new IOException(dir + " has no masks.bin (written before advantage learning): train afresh");
            } else {
                Arrays.fill(buffer.mask, 0, size * nA, true); // unused without advantage learning
            }
            buffer.restore(size, pos);
        }
    }
}
