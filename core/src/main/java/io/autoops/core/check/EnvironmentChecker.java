package io.autoops.core.check;

import io.autoops.core.mdp.AgentId;
import io.autoops.core.mdp.BoxSpace;
import io.autoops.core.mdp.Environment;
import io.autoops.core.mdp.ParallelEnvironment;
import io.autoops.core.mdp.ParallelReset;
import io.autoops.core.mdp.ParallelStep;
import io.autoops.core.mdp.Reset;
import io.autoops.core.mdp.Step;
import io.autoops.core.mdp.VectorEnvironment;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.TreeMap;
import java.util.function.Supplier;

/**
 * Checks that an environment keeps the contract of {@link Environment}, {@link VectorEnvironment}
 * or {@link ParallelEnvironment}: seeding determinism, observations inside their space and never
 * NaN, finite rewards, action masks honoured, terminated/truncated semantics, and reset after the
 * end. Works on any implementation: the simulator, the live adapter, a third party's.
 *
 * <p>Every check runs on fresh instances from the given factory and drives them with a seeded random
 * policy that picks among valid actions, so a report is reproducible.
 */
public final class EnvironmentChecker {

    /**
     * @param episodes how many episodes to play per check
     * @param maxSteps steps per episode at most (the checker stops an episode that runs longer)
     * @param seed     seed of the episodes and of the random policy
     */
    public record Options(int episodes, int maxSteps, long seed) {
        public Options {
            if (episodes < 1 || maxSteps < 1) {
                throw new IllegalArgumentException("episodes and maxSteps must be >= 1");
            }
        }

        public static Options defaults() {
            return new Options(3, 500, 12345L);
        }
    }

    private EnvironmentChecker() {
    }

    /** Checks a single-agent environment with default options. */
    public static CheckReport check(String subject, Supplier<? extends Environment<?>> factory) {
        return check(subject, factory, Options.defaults());
    }

    public static CheckReport check(String subject, Supplier<? extends Environment<?>> factory, Options options) {
        Checks checks = new Checks();
        checks.run("step before reset is refused", () -> {
            try (Environment<?> env = factory.get()) {
                try {
                    env.step(0);
                    return "step(0) before reset was accepted; expected IllegalStateException";
                } catch (IllegalStateException expected) {
                    return null;
                }
            }
        });
        List<List<Frame>> reference = new ArrayList<>();
        checks.run("observations in space, finite rewards, valid masks", () -> {
            try (Environment<?> env = factory.get()) {
                for (int e = 0; e < options.episodes(); e++) {
                    Trajectory t = play(env, options.seed() + e, options, false);
                    if (t.error != null) {
                        return "episode " + e + " (seed " + (options.seed() + e) + "): " + t.error;
                    }
                    reference.add(t.frames);
                }
            }
            return null;
        });
        checks.run("same seed gives the same trajectory (fresh instance)", () -> {
            if (reference.isEmpty()) {
                return "no reference trajectory (previous check failed)";
            }
            try (Environment<?> env = factory.get()) {
                for (int e = 0; e < options.episodes(); e++) {
                    Trajectory t = play(env, options.seed() + e, options, false);
                    String diff = compare(reference.get(e), t.frames);
                    if (t.error != null) {
                        return "episode " + e + ": " + t.error;
                    }
                    if (diff != null) {
                        return "episode " + e + " (seed " + (options.seed() + e) + "): " + diff;
                    }
                }
            }
            return null;
        });
        checks.run("reset after the end restarts the same episode", () -> {
            if (reference.isEmpty()) {
                return "no reference trajectory (previous check failed)";
            }
            try (Environment<?> env = factory.get()) {
                play(env, options.seed() + 1000, options, false);
                Trajectory t = play(env, options.seed(), options, false);
                String diff = compare(reference.get(0), t.frames);
                return t.error != null ? t.error : diff;
            }
        });
        int[] maskedTried = {0};
        checks.run("masked and out-of-range actions are refused without changing the state", () -> {
            if (reference.isEmpty()) {
                return "no reference trajectory (previous check failed)";
            }
            try (Environment<?> env = factory.get()) {
                for (int e = 0; e < options.episodes(); e++) {
                    Trajectory t = play(env, options.seed() + e, options, true);
                    maskedTried[0] += t.maskedTried;
                    if (t.error != null) {
                        return "episode " + e + ": " + t.error;
                    }
                    String diff = compare(reference.get(e), t.frames);
                    if (diff != null) {
                        return "episode " + e + " after refused actions: " + diff;
                    }
                }
            }
            return null;
        });
        if (maskedTried[0] == 0) {
            checks.notes.add("no action was masked in the played episodes: mask refusal was not exercised");
        }
        checks.run("terminated/truncated end the episode; step after the end is refused", () -> {
            try (Environment<?> env = factory.get()) {
                Trajectory t = play(env, options.seed(), options, false);
                if (t.error != null) {
                    return t.error;
                }
                Frame last = t.frames.get(t.frames.size() - 1);
                if (!(last.terminated || last.truncated)) {
                    checks.notes.add("no episode ended within " + options.maxSteps()
                            + " steps: step-after-end was not exercised");
                    return null;
                }
                try {
                    env.step(firstValid(env.actionMask()));
                    return "step after the episode ended was accepted; expected IllegalStateException";
                } catch (IllegalStateException expected) {
                    return null;
                } catch (RuntimeException other) {
                    return "step after the end threw " + other + "; expected IllegalStateException";
                }
            }
        });
        return checks.report(subject);
    }

    /** One step of a played trajectory. */
    private record Frame(double[] observation, double reward, boolean terminated, boolean truncated, boolean[] mask) {
    }

    private static final class Trajectory {
        final List<Frame> frames = new ArrayList<>();
        String error;
        int maskedTried;
    }

    private static Trajectory play(Environment<?> env, long seed, Options options, boolean tryInvalid) {
        Trajectory t = new Trajectory();
        BoxSpace space = env.observationSpace();
        int n = env.actionSpace().n();
        SplittableRandom rng = new SplittableRandom(seed ^ 0x5DEECE66DL);
        Reset<?> reset = env.reset(seed);
        boolean[] mask = env.actionMask();
        String bad = checkObservation(space, reset.observation(), "reset");
        if (bad == null) {
            bad = checkMask(mask, n, "reset");
        }
        if (bad != null) {
            t.error = bad;
            return t;
        }
        t.frames.add(new Frame(reset.observation().clone(), 0, false, false, mask.clone()));
        for (int step = 0; step < options.maxSteps(); step++) {
            if (tryInvalid) {
                String refused = tryInvalidActions(env, mask, n, step);
                if (refused != null) {
                    t.error = refused;
                    return t;
                }
                for (boolean m : mask) {
                    if (!m) {
                        t.maskedTried++;
                        break;
                    }
                }
            }
            int action = pickValid(mask, rng);
            Step<?> s;
            try {
                s = env.step(action);
            } catch (RuntimeException ex) {
                t.error = "step " + step + ": valid action " + action + " threw " + ex;
                return t;
            }
            bad = checkObservation(space, s.observation(), "step " + step);
            if (bad != null) {
                t.error = bad;
                return t;
            }
            boolean[] next = s.ended() ? mask : env.actionMask();
            if (!s.ended()) {
                bad = checkMask(next, n, "step " + step);
                if (bad != null) {
                    t.error = bad;
                    return t;
                }
            }
            t.frames.add(new Frame(s.observation().clone(), s.reward(), s.terminated(), s.truncated(), next.clone()));
            if (s.ended()) {
                break;
            }
            mask = next;
        }
        return t;
    }

    private static String tryInvalidActions(Environment<?> env, boolean[] mask, int n, int step) {
        for (int a : new int[] {-1, n}) {
            try {
                env.step(a);
                return "step " + step + ": out-of-range action " + a + " was accepted; expected IllegalArgumentException";
            } catch (IllegalArgumentException expected) {
                // refused, as it must be
            } catch (RuntimeException other) {
                return "step " + step + ": out-of-range action " + a + " threw " + other
                        + "; expected IllegalArgumentException";
            }
        }
        for (int a = 0; a < n; a++) {
            if (!mask[a]) {
                try {
                    env.step(a);
                    return "step " + step + ": masked action " + a + " (" + env.actionSpace().label(a)
                            + ") was accepted; expected IllegalArgumentException";
                } catch (IllegalArgumentException expected) {
                    return null;
                } catch (RuntimeException other) {
                    return "step " + step + ": masked action " + a + " threw " + other
                            + "; expected IllegalArgumentException";
                }
            }
        }
        return null;
    }

    private static String checkObservation(BoxSpace space, double[] obs, String where) {
        String v = space.firstViolation(obs);
        return v == null ? null : where + ": " + v;
    }

    private static String checkMask(boolean[] mask, int n, String where) {
        if (mask == null || mask.length != n) {
            return where + ": action mask has length " + (mask == null ? "null" : mask.length) + ", expected " + n;
        }
        for (boolean m : mask) {
            if (m) {
                return null;
            }
        }
        return where + ": action mask allows no action";
    }

    private static int pickValid(boolean[] mask, SplittableRandom rng) {
        int valid = 0;
        for (boolean m : mask) {
            valid += m ? 1 : 0;
        }
        int k = rng.nextInt(valid);
        for (int a = 0; a < mask.length; a++) {
            if (mask[a] && k-- == 0) {
                return a;
            }
        }
        throw new IllegalStateException("unreachable");
    }

    private static int firstValid(boolean[] mask) {
        for (int a = 0; a < mask.length; a++) {
            if (mask[a]) {
                return a;
            }
        }
        return 0;
    }

    private static String compare(List<Frame> expected, List<Frame> actual) {
        int n = Math.min(expected.size(), actual.size());
        for (int i = 0; i < n; i++) {
            Frame a = expected.get(i);
            Frame b = actual.get(i);
            if (!Arrays.equals(a.observation, b.observation)) {
                return "observation differs at step " + i + " (nondeterministic?)";
            }
            if (Double.compare(a.reward, b.reward) != 0) {
                return "reward differs at step " + i + ": " + a.reward + " vs " + b.reward;
            }
            if (a.terminated != b.terminated || a.truncated != b.truncated) {
                return "terminated/truncated differ at step " + i;
            }
            if (!Arrays.equals(a.mask, b.mask)) {
                return "action mask differs at step " + i;
            }
        }
        if (expected.size() != actual.size()) {
            return "episode length differs: " + (expected.size() - 1) + " vs " + (actual.size() - 1) + " steps";
        }
        return null;
    }

    // ---------------------------------------------------------------------------------------- vector

    /** Checks a vector environment: layout, spaces, auto-reset and determinism. */
    public static CheckReport checkVector(String subject, Supplier<? extends VectorEnvironment> factory,
                                          Options options) {
        Checks checks = new Checks();
        List<double[]> reference = new ArrayList<>();
        checks.run("observations in space, finite rewards, valid masks, auto-reset", () -> {
            try (VectorEnvironment venv = factory.get()) {
                return playVector(venv, options, reference);
            }
        });
        checks.run("same seed gives the same trajectories (fresh instance)", () -> {
            List<double[]> again = new ArrayList<>();
            try (VectorEnvironment venv = factory.get()) {
                String err = playVector(venv, options, again);
                if (err != null) {
                    return err;
                }
            }
            if (again.size() != reference.size()) {
                return "different number of steps";
            }
            for (int i = 0; i < again.size(); i++) {
                if (!Arrays.equals(again.get(i), reference.get(i))) {
                    return "observations differ at step " + i + " (nondeterministic?)";
                }
            }
            return null;
        });
        return checks.report(subject);
    }

    private static String playVector(VectorEnvironment venv, Options options, List<double[]> record) {
        int n = venv.numEnvs();
        int dim = venv.observationSpace().dimension();
        int nA = venv.actionSpace().n();
        BoxSpace space = venv.observationSpace();
        SplittableRandom rng = new SplittableRandom(options.seed());
        venv.reset(options.seed());
        int[] actions = new int[n];
        double[] one = new double[dim];
        boolean[] mask = new boolean[nA];
        int ends = 0;
        int steps = options.maxSteps() * options.episodes();
        for (int step = 0; step <= steps; step++) {
            double[] obs = venv.observations();
            if (obs.length != n * dim) {
                return "observations() has " + obs.length + " values, expected " + n * dim;
            }
            for (int i = 0; i < n; i++) {
                System.arraycopy(obs, i * dim, one, 0, dim);
                String v = space.firstViolation(one);
                if (v != null) {
                    return "step " + step + ", copy " + i + ": " + v;
                }
                System.arraycopy(venv.actionMasks(), i * nA, mask, 0, nA);
                String m = checkMask(mask, nA, "step " + step + ", copy " + i);
                if (m != null) {
                    return m;
                }
                actions[i] = pickValid(mask, rng);
            }
            record.add(obs.clone());
            if (step == steps) {
                break;
            }
            venv.step(actions);
            for (int i = 0; i < n; i++) {
                if (!Double.isFinite(venv.rewards()[i])) {
                    return "step " + step + ", copy " + i + ": reward " + venv.rewards()[i];
                }
                if (venv.terminated()[i] || venv.truncated()[i]) {
                    ends++;
                    System.arraycopy(venv.finalObservations(), i * dim, one, 0, dim);
                    String v = space.firstViolation(one);
                    if (v != null) {
                        return "step " + step + ", copy " + i + " final observation: " + v;
                    }
                }
            }
        }
        return null;
    }

    // -------------------------------------------------------------------------------------- parallel

    /** Checks a parallel (multi-agent) environment: per-agent spaces, determinism, agents never revived. */
    public static CheckReport checkParallel(String subject, Supplier<? extends ParallelEnvironment<?>> factory,
                                            Options options) {
        Checks checks = new Checks();
        List<String> reference = new ArrayList<>();
        checks.run("per-agent observations in space, finite rewards, agents never revived", () -> {
            try (ParallelEnvironment<?> env = factory.get()) {
                return playParallel(env, options, reference);
            }
        });
        checks.run("same seed gives the same trajectory (fresh instance)", () -> {
            List<String> again = new ArrayList<>();
            try (ParallelEnvironment<?> env = factory.get()) {
                String err = playParallel(env, options, again);
                if (err != null) {
                    return err;
                }
            }
            for (int i = 0; i < Math.min(again.size(), reference.size()); i++) {
                if (!again.get(i).equals(reference.get(i))) {
                    return "trajectory differs at step " + i + " (nondeterministic?)";
                }
            }
            return again.size() == reference.size() ? null : "episode length differs";
        });
        return checks.report(subject);
    }

    private static String playParallel(ParallelEnvironment<?> env, Options options, List<String> record) {
        SplittableRandom rng = new SplittableRandom(options.seed());
        for (int e = 0; e < options.episodes(); e++) {
            ParallelReset<?> reset = env.reset(options.seed() + e);
            List<AgentId> live = new ArrayList<>(env.agents());
            if (!reset.observations().keySet().equals(new java.util.HashSet<>(live))) {
                return "reset observations are for " + reset.observations().keySet() + ", live agents are " + live;
            }
            Map<AgentId, double[]> obs = new HashMap<>(reset.observations());
            java.util.Set<AgentId> gone = new java.util.HashSet<>();
            for (int step = 0; step < options.maxSteps() && !live.isEmpty(); step++) {
                StringBuilder line = new StringBuilder();
                Map<AgentId, Integer> actions = new LinkedHashMap<>();
                for (AgentId a : live) {
                    String v = env.observationSpace(a).firstViolation(obs.get(a));
                    if (v != null) {
                        return "episode " + e + ", step " + step + ", agent " + a + ": " + v;
                    }
                    boolean[] mask = env.actionMask(a);
                    String m = checkMask(mask, env.actionSpace(a).n(), "agent " + a);
                    if (m != null) {
                        return m;
                    }
                    actions.put(a, pickValid(mask, rng));
                    line.append(a).append(Arrays.toString(obs.get(a)));
                }
                String g = env.globalStateSpace().firstViolation(env.globalState());
                if (g != null) {
                    return "episode " + e + ", step " + step + ", global state: " + g;
                }
                record.add(line.toString());
                ParallelStep<?> s = env.step(actions);
                if (!s.observations().keySet().equals(actions.keySet())) {
                    return "step returned agents " + s.observations().keySet() + " for actions of " + actions.keySet();
                }
                for (Map.Entry<AgentId, Double> r : new TreeMap<>(s.rewards()).entrySet()) {
                    record.add(r.getKey() + "=" + r.getValue());
                }
                obs.putAll(s.observations());
                for (AgentId a : actions.keySet()) {
                    if (s.terminated().get(a) || s.truncated().get(a)) {
                        gone.add(a);
                    }
                }
                live = new ArrayList<>(env.agents());
                for (AgentId a : live) {
                    if (gone.contains(a)) {
                        return "agent " + a + " was revived after it ended";
                    }
                }
            }
        }
        return null;
    }

    // ---------------------------------------------------------------------------------------- common

    private static final class Checks {
        final List<String> passed = new ArrayList<>();
        final List<String> failures = new ArrayList<>();
        final List<String> notes = new ArrayList<>();

        void run(String name, Supplier<String> check) {
            String problem;
            try {
                problem = check.get();
            } catch (RuntimeException | AssertionError ex) {
                problem = "threw " + ex;
            }
            if (problem == null) {
                passed.add(name);
            } else {
                failures.add(name + ": " + problem);
            }
        }

        CheckReport report(String subject) {
            return new CheckReport(subject, passed, failures, notes);
        }
    }
}
