package io.autoops.policies.marl;

import io.autoops.core.mdp.AgentId;
import io.autoops.core.mdp.JointLearner;
import io.autoops.core.mdp.Learner;
import io.autoops.core.mdp.ParallelEnvironment;
import io.autoops.core.mdp.ParallelStep;
import io.autoops.policies.drl.DivergenceException;
import io.autoops.policies.drl.Masks;
import io.autoops.policies.drl.Mlp;
import io.autoops.policies.drl.ObservationNormalizer;
import io.autoops.policies.drl.SplitMix64;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Multi-agent DQN for the healers of a {@link ParallelEnvironment}: double DQN with n-step returns,
 * experience replay of joint transitions and target networks, over one shared network (parameter
 * sharing, the healer's identity in its input) or one network per healer. Two ways to learn:
 * <ul>
 *   <li>{@link MarlConfig.Mode#INDEPENDENT}: independent learners, each healer's Q-values regress on its
 *       own reward; the others are part of its environment (they may learn to collide).</li>
 *   <li>{@link MarlConfig.Mode#TEAM}: a shared-reward team by value decomposition (VDN, Sunehag et al.
 *       2018): Q_team(o, a) = sum of the healers' Q_i(o_i, a_i) regresses on the sum of the rewards, so
 *       each healer learns its share of the social welfare and acts greedily on its own Q_i.</li>
 * </ul>
 * Every copy steps all its healers at once; one forward pass decides for all copies and healers.
 * All healers must stay in an episode until it ends (true of the simulator's healers). Not thread-safe.
 */
public final class MarlDqnLearner implements JointLearner {

    private final MarlConfig cfg;
    private final AgentInputs inputs;
    private final int n;
    private final int in;
    private final int nA;
    private final AgentNetworks online;
    private final AgentNetworks target;
    private final ObservationNormalizer normalizer;
    private final JointReplay buffer;
    private final SplitMix64 rng;
    private long steps;
    private long gradientSteps;
    private long episodes;
    private double lastLoss = Double.NaN;
    // sampled minibatch, reused by every gradient step
    private final int[] batch;
    private final float[] bObs;
    private final float[] bNext;
    private final float[] both;

    public MarlDqnLearner(MarlConfig cfg, AgentInputs inputs) {
        this.cfg = cfg;
        this.inputs = inputs;
        this.n = inputs.count();
        this.in = inputs.inputDim();
        this.nA = inputs.actions();
        this.online = new AgentNetworks(n, cfg.shareParameters(), in, nA, cfg.hidden(), cfg.learningRate(),
                cfg.gradientClip(), cfg.seed());
        this.target = new AgentNetworks(n, cfg.shareParameters(), in, nA, cfg.hidden(), cfg.learningRate(),
                cfg.gradientClip(), cfg.seed());
        this.target.copyFrom(online);
        this.normalizer = new ObservationNormalizer(in);
        this.buffer = new JointReplay(cfg.bufferSize(), n, in, nA);
        this.rng = new SplitMix64(cfg.seed() ^ 0x3C6EF372FE94F82BL);
        this.batch = new int[cfg.batchSize()];
        this.bObs = new float[cfg.batchSize() * n * in];
        this.bNext = new float[cfg.batchSize() * n * in];
        this.both = new float[2 * cfg.batchSize() * n * in];
    }

    @Override
    public String algorithm() {
        return cfg.mode().algorithm();
    }

    @Override
    public long steps() {
        return steps;
    }

    @Override
    public JointGreedyPolicy policy() {
        return new JointGreedyPolicy(inputs, online, normalizer);
    }

    /** Independent copies of the current networks (for keeping the best model while training goes on). */
    public Mlp[] networksSnapshot() {
        return online.snapshot();
    }

    public ObservationNormalizer normalizer() {
        return normalizer;
    }

    /** Environment steps before the first update (no evaluation is worth doing before). */
    public long warmupSteps() {
        return cfg.learningStarts();
    }

    /** The hyper-parameters worth recording in a bundle's metadata. */
    public Map<String, String> hyperParameters() {
        Map<String, String> h = new LinkedHashMap<>();
        h.put("mode", cfg.mode().name().toLowerCase(java.util.Locale.ROOT));
        h.put("shareParameters", "" + cfg.shareParameters());
        h.put("hidden", Arrays.toString(cfg.hidden()));
        h.put("learningRate", "" + cfg.learningRate());
        h.put("gamma", "" + cfg.gamma());
        h.put("nStep", "" + cfg.nStep());
        h.put("batchSize", "" + cfg.batchSize());
        h.put("trainEvery", "" + cfg.trainEvery());
        h.put("targetUpdateEvery", "" + cfg.targetUpdateEvery());
        h.put("epsilonDecaySteps", "" + cfg.epsilonDecaySteps());
        h.put("actionPenalty", "" + cfg.actionPenalty());
        return h;
    }

    @Override
    public void train(List<? extends ParallelEnvironment<?>> envs, long totalSteps, long envSeed, long reportEvery,
                      Listener listener) {
        int copies = envs.size();
        for (ParallelEnvironment<?> e : envs) {
            inputs.requireMatches(e);
        }
        List<AgentId> agents = inputs.agents();
        int row = n * in;
        double[] raw = new double[copies * row];
        double[] rawRow = new double[in];
        float[] obs = new float[copies * row];
        float[] next = new float[copies * row];
        boolean[] masks = new boolean[copies * n * nA];
        boolean[] nextMask = new boolean[copies * n * nA];
        int[] actions = new int[copies * n];
        int ns = cfg.nStep();
        float[][] stagedObs = new float[copies][ns * row];
        int[][] stagedAction = new int[copies][ns * n];
        float[][] stagedReward = new float[copies][ns * n];
        int[] staged = new int[copies];
        float[] ret = new float[n];
        double[] episodeReturn = new double[copies];
        double returnSum = 0;
        int returnCount = 0;
        double gradientDebt = 0;
        long nextReport = steps + reportEvery;
        @SuppressWarnings("unchecked")
        Map<AgentId, double[]>[] current = new Map[copies];
        for (int k = 0; k < copies; k++) {
            current[k] = envs.get(k).reset(episodeSeed(envSeed, k)).observations();
        }

        while (steps < totalSteps) {
            // 1. Observe every healer of every copy (the normaliser is estimated during warm-up, then frozen).
            for (int k = 0; k < copies; k++) {
                ParallelEnvironment<?> env = envs.get(k);
                for (int i = 0; i < n; i++) {
                    AgentId a = agents.get(i);
                    inputs.encode(i, current[k].get(a), raw, (k * n + i) * in);
                    System.arraycopy(env.actionMask(a), 0, masks, (k * n + i) * nA, nA);
                }
            }
            if (!normalizer.frozen()) {
                normalizer.update(raw, copies * n);
                if (steps >= cfg.learningStarts()) {
                    normalizer.freeze();
                }
            }
            normalizer.apply(raw, copies * n, obs);

            // 2. Act: each healer epsilon-greedy over its valid actions, one forward pass for all.
            double eps = steps < cfg.learningStarts() ? 1.0 : cfg.epsilon(steps);
            float[] q = eps < 1.0 ? online.predict(obs, copies * n, true) : null;
            for (int r = 0; r < copies * n; r++) {
                actions[r] = q == null || rng.nextDouble() < eps ? Masks.random(masks, r * nA, nA, rng)
                        : Masks.argmax(q, r * nA, masks, r * nA, nA);
            }

            // 3. Step every copy; stage and store n-step joint transitions; reset ended copies.
            for (int k = 0; k < copies; k++) {
                ParallelEnvironment<?> env = envs.get(k);
                int s = staged[k];
                System.arraycopy(obs, k * row, stagedObs[k], s * row, row);
                System.arraycopy(actions, k * n, stagedAction[k], s * n, n);
                Map<AgentId, Integer> joint = new HashMap<>();
                for (int i = 0; i < n; i++) {
                    joint.put(agents.get(i), actions[k * n + i]);
                }
                ParallelStep<?> step = env.step(joint);
                steps++;
                if (!step.observations().keySet().containsAll(agents)) {
                    throw new IllegalStateException("agents left the episode before it ended (" + step.observations().keySet()
                            + " of " + agents + "): these learners need all healers until the end");
                }
                boolean ended = step.allEnded();
                boolean terminated = step.terminated().values().stream().anyMatch(Boolean::booleanValue);
                for (int i = 0; i < n; i++) {
                    AgentId a = agents.get(i);
                    inputs.encode(i, step.observations().get(a), rawRow, 0);
                    normalizer.applyRow(rawRow, 0, next, (k * n + i) * in);
                    if (ended) {
                        Arrays.fill(nextMask, (k * n + i) * nA, (k * n + i + 1) * nA, true);
                    } else {
                        System.arraycopy(env.actionMask(a), 0, nextMask, (k * n + i) * nA, nA);
                    }
                    double r = step.rewards().get(a) - (actions[k * n + i] == 0 ? 0 : cfg.actionPenalty());
                    stagedReward[k][s * n + i] = (float) r;
                    episodeReturn[k] += r;
                }
                staged[k] = ++s;
                if (s == ns || ended) {
                    int emit = ended ? s : 1;
                    for (int e = 0; e < emit; e++) {
                        Arrays.fill(ret, 0f);
                        float disc = 1;
                        for (int t = e; t < s; t++) {
                            for (int i = 0; i < n; i++) {
                                ret[i] += disc * stagedReward[k][t * n + i];
                            }
                            disc *= (float) cfg.gamma();
                        }
                        buffer.add(stagedObs[k], e * row, stagedAction[k], e * n, ret, terminated ? 0f : disc,
                                next, k * row, nextMask, k * n * nA);
                    }
                    if (ended) {
                        staged[k] = 0;
                        episodes++;
                        returnSum += episodeReturn[k];
                        returnCount++;
                        episodeReturn[k] = 0;
                    } else {
                        System.arraycopy(stagedObs[k], row, stagedObs[k], 0, (ns - 1) * row);
                        System.arraycopy(stagedAction[k], n, stagedAction[k], 0, (ns - 1) * n);
                        System.arraycopy(stagedReward[k], n, stagedReward[k], 0, (ns - 1) * n);
                        staged[k] = ns - 1;
                    }
                }
                current[k] = ended ? env.reset(episodeSeed(envSeed, k)).observations() : step.observations();
            }

            // 4. Learn: one gradient step per trainEvery environment steps.
            if (steps >= cfg.learningStarts() && buffer.size() >= cfg.batchSize()) {
                gradientDebt += copies / (double) cfg.trainEvery();
                while (gradientDebt >= 1) {
                    gradientDebt -= 1;
                    learn();
                }
            }

            if (listener != null && steps >= nextReport) {
                nextReport += reportEvery;
                Learner.Progress p = new Learner.Progress(steps, gradientSteps, eps,
                        returnCount == 0 ? Double.NaN : returnSum / returnCount, episodes, lastLoss);
                returnSum = 0;
                returnCount = 0;
                if (!listener.onProgress(this, p)) {
                    break;
                }
            }
        }
    }

    /** A new episode's seed: a function of the run's seed, the copy and the steps so far (so resumed runs agree). */
    private long episodeSeed(long envSeed, int copy) {
        long z = envSeed * 0x9E3779B97F4A7C15L + steps * 0xBF58476D1CE4E5B9L + copy * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }

    private void learn() {
        int b = cfg.batchSize();
        int rows = b * n;
        int row = n * in;
        for (int s = 0; s < b; s++) {
            batch[s] = rng.nextInt(buffer.size());
            System.arraycopy(buffer.obs, batch[s] * row, bObs, s * row, row);
            System.arraycopy(buffer.next, batch[s] * row, bNext, s * row, row);
        }
        // one forward pass of the online network for the batch and its next observations
        System.arraycopy(bObs, 0, both, 0, rows * in);
        System.arraycopy(bNext, 0, both, rows * in, rows * in);
        float[] qNextTarget = target.predict(bNext, rows, false);
        float[] qBoth = online.predict(both, 2 * rows, false);
        float[] labels = Arrays.copyOf(qBoth, rows * nA);
        double loss = 0;
        for (int s = 0; s < b; s++) {
            int idx = batch[s];
            float disc = buffer.discount[idx];
            if (cfg.mode() == MarlConfig.Mode.INDEPENDENT) {
                for (int i = 0; i < n; i++) {
                    int r = s * n + i;
                    float y = buffer.reward[idx * n + i] + disc * bootstrap(qBoth, qNextTarget, rows, r, idx, i);
                    int a = buffer.action[idx * n + i];
                    float td = y - labels[r * nA + a];
                    loss += td * td / n;
                    labels[r * nA + a] += clip(td);
                }
            } else {
                float y = 0;
                float qTeam = 0;
                for (int i = 0; i < n; i++) {
                    int r = s * n + i;
                    y += buffer.reward[idx * n + i] + disc * bootstrap(qBoth, qNextTarget, rows, r, idx, i);
                    qTeam += labels[r * nA + buffer.action[idx * n + i]];
                }
                float td = y - qTeam;
                loss += td * td;
                float step = clip(td);
                for (int i = 0; i < n; i++) {
                    labels[(s * n + i) * nA + buffer.action[idx * n + i]] += step;
                }
            }
        }
        lastLoss = loss / b;
        if (!Double.isFinite(lastLoss)) {
            throw new DivergenceException(algorithm() + " diverged at step " + steps + " (gradient step " + gradientSteps
                    + "): TD loss is " + lastLoss + "; lower the learning rate or check the rewards");
        }
        online.fit(bObs, labels, rows);
        gradientSteps++;
        if (gradientSteps % cfg.targetUpdateEvery() == 0) {
            target.copyFrom(online);
        }
    }

    /** Double DQN: the online network picks the next action among the valid ones, the target network values it. */
    private float bootstrap(float[] qBoth, float[] qNextTarget, int rows, int r, int idx, int i) {
        int aStar = Masks.argmax(qBoth, (rows + r) * nA, buffer.nextMask, (idx * n + i) * nA, nA);
        return qNextTarget[r * nA + aStar];
    }

    private float clip(float td) {
        return (float) Math.max(-cfg.tdClip(), Math.min(cfg.tdClip(), td));
    }

    // ------------------------------------------------------------------------------- checkpoints

    /** Writes the whole learner state (networks, optimisers, normaliser, replay, counters, RNG) to {@code dir}. */
    @Override
    public void save(Path dir) throws IOException {
        Files.createDirectories(dir);
        for (int j = 0; j < online.nets.length; j++) {
            Files.writeString(dir.resolve("network-" + j + ".json"), online.nets[j].configJson());
            Files.write(dir.resolve("online-" + j + ".bin"), Mlp.floatsToBytes(online.nets[j].parameters()));
            Files.write(dir.resolve("target-" + j + ".bin"), Mlp.floatsToBytes(target.nets[j].parameters()));
            Files.write(dir.resolve("updater-" + j + ".bin"), Mlp.floatsToBytes(online.nets[j].updaterState()));
        }
        Files.writeString(dir.resolve("normalizer.json"), normalizer.toJson());
        try (DataOutputStream out = new DataOutputStream(new java.io.BufferedOutputStream(
                Files.newOutputStream(dir.resolve("state.bin"))))) {
            out.writeLong(steps);
            out.writeLong(gradientSteps);
            out.writeLong(episodes);
            out.writeLong(rng.state());
            out.writeBoolean(normalizer.frozen());
            for (Mlp m : online.nets) {
                out.writeInt(m.iterations());
            }
            buffer.write(out);
        }
    }

    /** Restores what {@link #save(Path)} wrote; the learner must have the same configuration and agents. */
    @Override
    public void resume(Path dir) throws IOException {
        for (int j = 0; j < online.nets.length; j++) {
            Path p = dir.resolve("online-" + j + ".bin");
            if (!Files.exists(p)) {
                throw new IOException("checkpoint " + dir + " has no " + p.getFileName() + " (another parameter sharing setting?)");
            }
            online.nets[j].setParameters(Mlp.bytesToFloats(Files.readAllBytes(p)));
            target.nets[j].setParameters(Mlp.bytesToFloats(Files.readAllBytes(dir.resolve("target-" + j + ".bin"))));
            online.nets[j].setUpdaterState(Mlp.bytesToFloats(Files.readAllBytes(dir.resolve("updater-" + j + ".bin"))));
        }
        normalizer.copyFrom(ObservationNormalizer.fromJson(Files.readString(dir.resolve("normalizer.json"))));
        try (DataInputStream in = new DataInputStream(new java.io.BufferedInputStream(
                Files.newInputStream(dir.resolve("state.bin"))))) {
            steps = in.readLong();
            gradientSteps = in.readLong();
            episodes = in.readLong();
            rng.setState(in.readLong());
            if (!in.readBoolean()) {
                normalizer.unfreeze();
            }
            for (Mlp m : online.nets) {
                m.setIterations(in.readInt());
            }
            buffer.read(in);
        }
    }
}
