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
 * Proximal policy optimisation on DL4J, vectorised: an actor (action logits) and a critic (state
 * value) as separate MLPs, rollouts of {@link PpoConfig#rolloutSteps()} steps from every copy with one
 * decision pass for all copies, generalised advantage estimation (truncated episodes bootstrap from
 * the critic's value of their final observation), advantages normalised per minibatch, the clipped
 * surrogate objective with an entropy bonus, a squared-error critic, several epochs of shuffled
 * minibatches per rollout. Action masks: invalid actions get probability zero when acting and in
 * the loss (the softmax runs over the valid actions only), so they are never sampled nor pushed.
 *
 * <p>DL4J has no layer for the clipped objective, so the gradient with respect to the logits is
 * computed here and back-propagated by {@link Mlp#backward}. {@link #train} is the whole algorithm,
 * top to bottom. Not thread-safe.
 */
public final class PpoLearner implements NetworkLearner {

    private final PpoConfig cfg;
    private final int dim;
    private final int nA;
    private final Mlp actor;
    private final Mlp critic;
    private final ObservationNormalizer normalizer;
    private final SplitMix64 rng;
    private long steps;
    private long updates;
    private long episodes;
    private double lastLoss = Double.NaN;
    private double lastEntropy = Double.NaN;

    public PpoLearner(PpoConfig cfg, int observationDim, int actions) {
        this.cfg = cfg;
        this.dim = observationDim;
        this.nA = actions;
        this.actor = Mlp.createHead(dim, nA, cfg.hidden(), cfg.learningRate(), cfg.gradientClip(), cfg.seed());
        this.critic = Mlp.createHead(dim, 1, cfg.hidden(), cfg.learningRate(), cfg.gradientClip(), cfg.seed() + 1);
        this.normalizer = new ObservationNormalizer(dim);
        this.rng = new SplitMix64(cfg.seed() ^ 0xBB67AE8584CAA73BL);
    }

    @Override
    public String algorithm() {
        return "ppo";
    }

    @Override
    public long steps() {
        return steps;
    }

    public long updates() {
        return updates;
    }

    @Override
    public Mlp network() {
        return actor;
    }

    /** The critic (state value of a normalised observation). */
    public Mlp critic() {
        return critic;
    }

    @Override
    public ObservationNormalizer normalizer() {
        return normalizer;
    }

    /** Acts greedily: the valid action with the highest logit (the most probable one). */
    @Override
    public GreedyPolicy policy() {
        return new GreedyPolicy(actor, normalizer);
    }

    @Override
    public long warmupSteps() {
        return 0;
    }

    @Override
    public Map<String, String> hyperParameters() {
        return Map.of("hidden", Arrays.toString(cfg.hidden()), "learningRate", "" + cfg.learningRate(),
                "gamma", "" + cfg.gamma(), "gaeLambda", "" + cfg.gaeLambda(), "rolloutSteps", "" + cfg.rolloutSteps(),
                "epochs", "" + cfg.epochs(), "minibatchSize", "" + cfg.minibatchSize(), "clipRange", "" + cfg.clipRange(),
                "entropyCoef", "" + cfg.entropyCoef());
    }

    @Override
    public void train(VectorEnvironment env, long totalSteps, long envSeed, long reportEvery, Listener listener) {
        int n = env.numEnvs();
        if (env.observationSpace().dimension() != dim || env.actionSpace().n() != nA) {
            throw new IllegalArgumentException("environment does not match the learner's spaces");
        }
        int horizon = cfg.rolloutSteps();
        int size = n * horizon;
        Rollout ro = new Rollout(size, dim, nA);
        float[] obs = new float[n * dim];
        float[] finalObs = new float[n * dim];
        int[] actions = new int[n];
        double[] probs = new double[nA];
        double[] episodeReturn = new double[n];
        double returnSum = 0;
        int returnCount = 0;
        long nextReport = steps + reportEvery;

        env.reset(envSeed ^ steps);
        while (steps < totalSteps) {
            // 1. Roll out: every copy acts `horizon` times, sampling from the masked softmax of the logits.
            for (int t = 0; t < horizon; t++) {
                observe(env, n, obs);
                boolean[] masks = env.actionMasks();
                float[] logits = actor.predictSmall(obs, n);
                for (int i = 0; i < n; i++) {
                    int row = t * n + i;
                    maskedSoftmax(logits, i * nA, masks, i * nA, probs);
                    int a = sample(probs);
                    actions[i] = a;
                    ro.action[row] = a;
                    ro.logp[row] = (float) Math.log(probs[a]);
                    System.arraycopy(obs, i * dim, ro.obs, row * dim, dim);
                    System.arraycopy(masks, i * nA, ro.mask, row * nA, nA);
                }
                float[] values = critic.predictSmall(obs, n);
                for (int i = 0; i < n; i++) {
                    ro.value[t * n + i] = values[i];
                }
                env.step(actions);
                steps += n;
                double[] rewards = env.rewards();
                boolean[] term = env.terminated();
                boolean[] trunc = env.truncated();
                boolean anyTruncated = false;
                for (int i = 0; i < n; i++) {
                    anyTruncated |= trunc[i] && !term[i];
                }
                float[] finalValues = null;
                if (anyTruncated) {
                    double[] rawFinal = env.finalObservations();
                    for (int i = 0; i < n; i++) {
                        normalizer.applyRow(rawFinal, i * dim, finalObs, i * dim);
                    }
                    finalValues = critic.predictSmall(finalObs, n);
                }
                for (int i = 0; i < n; i++) {
                    int row = t * n + i;
                    float r = (float) rewards[i];
                    if (trunc[i] && !term[i]) {
                        r += (float) cfg.gamma() * finalValues[i];   // the episode was cut, not over: bootstrap
                    }
                    ro.reward[row] = r;
                    ro.done[row] = term[i] || trunc[i];
                    episodeReturn[i] += rewards[i];
                    if (ro.done[row]) {
                        episodes++;
                        returnSum += episodeReturn[i];
                        returnCount++;
                        episodeReturn[i] = 0;
                    }
                }
            }

            // 2. Advantages by GAE, bootstrapping from the critic's value of the observation after the rollout.
            normalizer.apply(env.observations(), n, obs);   // seen again, and learnt from, by the next rollout
            float[] last = critic.predictSmall(obs, n);
            for (int i = 0; i < n; i++) {
                double gae = 0;
                for (int t = horizon - 1; t >= 0; t--) {
                    int row = t * n + i;
                    double nextValue = t == horizon - 1 ? last[i] : ro.value[row + n];
                    double live = ro.done[row] ? 0 : 1;
                    double delta = ro.reward[row] + cfg.gamma() * nextValue * live - ro.value[row];
                    gae = delta + cfg.gamma() * cfg.gaeLambda() * live * gae;
                    ro.advantage[row] = (float) gae;
                    ro.ret[row] = (float) (gae + ro.value[row]);
                }
            }

            // 3. Learn: epochs of shuffled minibatches.
            update(ro);

            if (listener != null && steps >= nextReport) {
                nextReport = steps + reportEvery;
                Progress p = new Progress(steps, updates, lastEntropy, returnCount == 0 ? Double.NaN : returnSum / returnCount,
                        episodes, lastLoss);
                returnSum = 0;
                returnCount = 0;
                if (!listener.onProgress(this, p)) {
                    break;
                }
            }
        }
    }

    /** Normalises the current observations into {@code obs}; the normaliser learns until it freezes. */
    private void observe(VectorEnvironment env, int n, float[] obs) {
        double[] raw = env.observations();
        if (!normalizer.frozen()) {
            normalizer.update(raw, n);
            if (steps >= cfg.normalizerSteps()) {
                normalizer.freeze();
            }
        }
        normalizer.apply(raw, n, obs);
    }

    /** What one rollout holds, row = step * copies + copy. */
    private static final class Rollout {
        final float[] obs;
        final boolean[] mask;
        final int[] action;
        final float[] logp;
        final float[] value;
        final float[] reward;
        final boolean[] done;
        final float[] advantage;
        final float[] ret;
        final int[] order;

        Rollout(int size, int dim, int nA) {
            obs = new float[size * dim];
            mask = new boolean[size * nA];
            action = new int[size];
            logp = new float[size];
            value = new float[size];
            reward = new float[size];
            done = new boolean[size];
            advantage = new float[size];
            ret = new float[size];
            order = new int[size];
        }
    }

    private void update(Rollout ro) {
        int size = ro.action.length;
        int mb = Math.min(cfg.minibatchSize(), size);
        float[] x = new float[mb * dim];
        float[] dLogits = new float[mb * nA];
        float[] dValue = new float[mb];
        float[] adv = new float[mb];
        double[] p = new double[nA];
        for (int i = 0; i < size; i++) {
            ro.order[i] = i;
        }
        for (int epoch = 0; epoch < cfg.epochs(); epoch++) {
            shuffle(ro.order);
            for (int start = 0; start + mb <= size; start += mb) {
                double mean = 0;
                for (int k = 0; k < mb; k++) {
                    int row = ro.order[start + k];
                    System.arraycopy(ro.obs, row * dim, x, k * dim, dim);
                    adv[k] = ro.advantage[row];
                    mean += adv[k];
                }
                mean /= mb;
                double var = 0;
                for (int k = 0; k < mb; k++) {
                    var += (adv[k] - mean) * (adv[k] - mean);
                }
                double std = Math.sqrt(var / mb) + 1e-8;

                // Actor: gradient of  -min(r A, clip(r) A) - entropyCoef H  with respect to each row's logits
                // (per row: DL4J's updater averages over the minibatch).
                float[] logits = actor.forwardForTraining(x, mb);
                double policyLoss = 0;
                double entropy = 0;
                for (int k = 0; k < mb; k++) {
                    int row = ro.order[start + k];
                    int a = ro.action[row];
                    maskedSoftmax(logits, k * nA, ro.mask, row * nA, p);
                    double logp = Math.log(p[a]);
                    double ratio = Math.exp(logp - ro.logp[row]);
                    double advantage = (adv[k] - mean) / std;
                    double unclipped = ratio * advantage;
                    double clipped = Math.max(1 - cfg.clipRange(), Math.min(1 + cfg.clipRange(), ratio)) * advantage;
                    policyLoss -= Math.min(unclipped, clipped);
                    double dLogp = unclipped <= clipped ? -unclipped : 0;   // d(-r A)/d log p = -r A
                    double h = 0;
                    for (int j = 0; j < nA; j++) {
                        if (p[j] > 0) {
                            h -= p[j] * Math.log(p[j]);
                        }
                    }
                    entropy += h;
                    for (int j = 0; j < nA; j++) {
                        double g = 0;
                        if (p[j] > 0) {
                            g = dLogp * ((j == a ? 1 : 0) - p[j]) + cfg.entropyCoef() * p[j] * (Math.log(p[j]) + h);
                        }
                        dLogits[k * nA + j] = (float) g;
                    }
                }
                if (!Double.isFinite(policyLoss)) {
                    throw new DivergenceException("PPO diverged at step " + steps + " (update " + updates
                            + "): policy loss is " + policyLoss + "; lower the learning rate or check the rewards");
                }
                actor.backward(dLogits, mb);

                // Critic: gradient of  valueCoef / 2 (V - return)^2.
                float[] v = critic.forwardForTraining(x, mb);
                double valueLoss = 0;
                for (int k = 0; k < mb; k++) {
                    double err = v[k] - ro.ret[ro.order[start + k]];
                    valueLoss += 0.5 * err * err;
                    dValue[k] = (float) (cfg.valueCoef() * err);
                }
                if (!Double.isFinite(valueLoss)) {
                    throw new DivergenceException("PPO diverged at step " + steps + " (update " + updates
                            + "): value loss is " + valueLoss + "; lower the learning rate or check the rewards");
                }
                critic.backward(dValue, mb);
                updates++;
                lastLoss = (policyLoss + cfg.valueCoef() * valueLoss) / mb;
                lastEntropy = entropy / mb;
            }
        }
    }

    /** Softmax of {@code logits[off, off + nA)} over the valid actions; invalid ones get 0. */
    private void maskedSoftmax(float[] logits, int off, boolean[] mask, int mOff, double[] out) {
        double max = Double.NEGATIVE_INFINITY;
        for (int j = 0; j < nA; j++) {
            if (mask[mOff + j] && logits[off + j] > max) {
                max = logits[off + j];
            }
        }
        if (!Double.isFinite(max)) {
            throw new DivergenceException("PPO's actor produced " + max + " logits at step " + steps
                    + " (or a state with no valid action)");
        }
        double sum = 0;
        for (int j = 0; j < nA; j++) {
            out[j] = mask[mOff + j] ? Math.exp(logits[off + j] - max) : 0;
            sum += out[j];
        }
        for (int j = 0; j < nA; j++) {
            out[j] /= sum;
        }
    }

    private int sample(double[] probs) {
        double u = rng.nextDouble();
        int last = 0;
        for (int j = 0; j < probs.length; j++) {
            if (probs[j] > 0) {
                last = j;
                u -= probs[j];
                if (u < 0) {
                    return j;
                }
            }
        }
        return last;
    }

    private void shuffle(int[] a) {
        for (int i = a.length - 1; i > 0; i--) {
            int j = rng.nextInt(i + 1);
            int t = a[i];
            a[i] = a[j];
            a[j] = t;
        }
    }

    // ------------------------------------------------------------------------------- checkpoints

    /** Writes the whole learner state (both networks, their optimisers, normaliser, counters, RNG) to {@code dir}. */
    @Override
    public void save(Path dir) throws IOException {
        Files.createDirectories(dir);
        Files.writeString(dir.resolve("network.json"), actor.configJson());
        Files.write(dir.resolve("actor.bin"), Mlp.floatsToBytes(actor.parameters()));
        Files.write(dir.resolve("actor-updater.bin"), Mlp.floatsToBytes(actor.updaterState()));
        Files.write(dir.resolve("critic.bin"), Mlp.floatsToBytes(critic.parameters()));
        Files.write(dir.resolve("critic-updater.bin"), Mlp.floatsToBytes(critic.updaterState()));
        Files.writeString(dir.resolve("normalizer.json"), normalizer.toJson());
        try (DataOutputStream out = new DataOutputStream(Files.newOutputStream(dir.resolve("state.bin")))) {
            out.writeLong(steps);
            out.writeLong(updates);
            out.writeLong(episodes);
            out.writeLong(rng.state());
            out.writeBoolean(normalizer.frozen());
            out.writeInt(actor.iterations());
            out.writeInt(critic.iterations());
        }
    }

    /** Restores what {@link #save(Path)} wrote; the learner must have the same configuration and spaces. */
    @Override
    public void resume(Path dir) throws IOException {
        actor.setParameters(Mlp.bytesToFloats(Files.readAllBytes(dir.resolve("actor.bin"))));
        actor.setUpdaterState(Mlp.bytesToFloats(Files.readAllBytes(dir.resolve("actor-updater.bin"))));
        critic.setParameters(Mlp.bytesToFloats(Files.readAllBytes(dir.resolve("critic.bin"))));
        critic.setUpdaterState(Mlp.bytesToFloats(Files.readAllBytes(dir.resolve("critic-updater.bin"))));
        normalizer.copyFrom(ObservationNormalizer.fromJson(Files.readString(dir.resolve("normalizer.json"))));
        try (DataInputStream in = new DataInputStream(Files.newInputStream(dir.resolve("state.bin")))) {
            steps = in.readLong();
            updates = in.readLong();
            episodes = in.readLong();
            rng.setState(in.readLong());
            if (!in.readBoolean()) {
                normalizer.unfreeze();
            }
            actor.setIterations(in.readInt());
            critic.setIterations(in.readInt());
        }
    }
}
