package io.autoops.experiments.bench;

import io.autoops.env.scenario.Scenario;
import io.autoops.env.sim.OraclePolicy;
import io.autoops.env.sim.SimForwardModel;
import io.autoops.env.sim.SimParallelEnvironment;
import io.autoops.policies.game.StageGamePolicy;
import io.autoops.policies.marl.MarlBundles;
import io.autoops.env.sim.Simulator;
import io.autoops.core.bundle.PolicyBundle;
import io.autoops.policies.drl.DrlBundles;
import io.autoops.policies.rules.NoOpPolicy;
import io.autoops.policies.rules.RandomPolicy;
import io.autoops.policies.rules.RuleSet;
import io.autoops.policies.rules.ThresholdPolicy;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * Every policy the benchmark knows, by name. Built-ins: {@code noop}, {@code random},
 * {@code rules.threshold} (the seed's rules), {@code rules.k8s-default} (what Kubernetes does by
 * itself: liveness restarts plus an HPA, and nothing else), {@code rules.tuned} (the seed's rules with
 * thresholds and cool-down tuned on training seeds) and {@code oracle} (the upper bound); the learned
 * policies shipped in the repository ({@code dqn.standard}, ...); and any bundle file as
 * {@code bundle:PATH}.
 */
public final class PolicyRegistry {

    public static final String NOOP = "noop";
    public static final String ORACLE = "oracle";
    public static final String BUNDLE_PREFIX = "bundle:";
    private static final String SHIPPED = "/io/autoops/policies/bundles/";

    /** Look-ahead of the stage-game healers, in ticks, and how many troubled healers play at most. */
    public static final int GAME_HORIZON = 12;
    public static final int GAME_PLAYERS = 2;
    private static final Map<StageGamePolicy.Mode, String> GAME_DESCRIPTIONS = Map.of(
            StageGamePolicy.Mode.NASH, "per-service healers play the welfare-best pure Nash equilibrium of a look-ahead stage game",
            StageGamePolicy.Mode.CE_WELFARE, "per-service healers follow the welfare-maximising correlated equilibrium of the stage game",
            StageGamePolicy.Mode.TEAM_OPTIMUM, "per-service healers play the stage game's welfare-maximising joint action (a team)");

    /** The stage-game healers of one episode, as registered (the seed drives only the CE's draws). */
    public static StageGamePolicy gamePolicy(Simulator sim, StageGamePolicy.Mode mode) {
        return new StageGamePolicy(new SimForwardModel(sim), mode, GAME_HORIZON, GAME_PLAYERS, 31);
    }

    /** Registry name of a stage-game policy: game.nash, game.ce-welfare, game.team-optimum. */
    public static String gameName(StageGamePolicy.Mode mode) {
        return "game." + mode.name().toLowerCase(java.util.Locale.ROOT).replace('_', '-');
    }

    private final Map<String, Supplier<PolicySpec>> specs = new LinkedHashMap<>();
    private final Map<String, String> descriptions = new LinkedHashMap<>();

    /**
     * @param training scenarios the tuned rules are tuned on (with training seeds only)
     * @param threads  threads for tuning
     */
    public static PolicyRegistry builtIn(List<Scenario> training, int threads) {
        PolicyRegistry r = new PolicyRegistry();
        r.add(NOOP, "never acts (the floor; normalisation reference)",
                () -> new PolicySpec(NOOP, "never acts", Simulator.Options.SCENARIO, sim -> new NoOpPolicy(), true));
        r.add("random", "a random valid action 10% of the time",
                () -> new PolicySpec("random", "random", Simulator.Options.SCENARIO,
                        sim -> new RandomPolicy(sim.actionSpace().n(), 977, 0.1), false));
        r.add("rules.threshold", "the seed's threshold rules (CPU > 80% -> restart, errors -> roll back, ...)",
                () -> new PolicySpec("rules.threshold", "seed rules", Simulator.Options.SCENARIO,
                        sim -> new ThresholdPolicy(RuleSet.seed(), sim.schema(), sim.actionSpace()), false));
        r.add("rules.k8s-default", "Kubernetes by itself: liveness restarts with back-off and an HPA, nothing else",
                () -> new PolicySpec("rules.k8s-default", "k8s", new Simulator.Options(true, true),
                        sim -> new NoOpPolicy(), false));
        r.add("rules.tuned", "the seed's rules with thresholds and cool-down tuned on training seeds",
                () -> {
                    RuleSet tuned = RuleTuner.tune(training, 2, 40, 2024, threads).rules();
                    return new PolicySpec("rules.tuned", "tuned rules", Simulator.Options.SCENARIO,
                            sim -> new ThresholdPolicy(tuned, sim.schema(), sim.actionSpace()), false);
                });
        for (String shipped : shippedBundles()) {
            r.add(shipped, "learned policy shipped in the repository (policies/src/main/resources"
                    + SHIPPED + shipped.replace('.', '-') + ".zip)", () -> bundleSpec(shipped, extract(shipped)));
        }
        for (StageGamePolicy.Mode mode : StageGamePolicy.Mode.values()) {
            String name = gameName(mode);
            r.add(name, GAME_DESCRIPTIONS.get(mode), () -> PolicySpec.joint(name, GAME_DESCRIPTIONS.get(mode),
                    sim -> gamePolicy(sim, mode)));
        }
        r.add(ORACLE, "knows the injected faults and applies the fix at onset (upper bound, not a competitor)",
                () -> new PolicySpec(ORACLE, "oracle", Simulator.Options.SCENARIO, OraclePolicy::new, true));
        return r;
    }

    /** Names of the bundles shipped in the policies jar (from its bundles/index.txt). */
    public static List<String> shippedBundles() {
        try (var in = PolicyRegistry.class.getResourceAsStream(SHIPPED + "index.txt")) {
            if (in == null) {
                return List.of();
            }
            return new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8).lines().map(String::strip)
                    .filter(l -> !l.isEmpty() && !l.startsWith("#")).toList();
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    /** A shipped bundle copied out of the jar to a temporary file (deleted on exit). */
    public static java.nio.file.Path extractShipped(String name) {
        return extract(name);
    }

    private static java.nio.file.Path extract(String name) {
        String resource = SHIPPED + name.replace('.', '-') + ".zip";
        try (var in = PolicyRegistry.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("shipped bundle " + resource + " is missing from the jar");
            }
            java.nio.file.Path tmp = java.nio.file.Files.createTempFile("autoops-" + name + "-", ".zip");
            tmp.toFile().deleteOnExit();
            java.nio.file.Files.copy(in, tmp, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
            return tmp;
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException("cannot extract " + resource + ": " + e.getMessage(), e);
        }
    }

    /** A policy bundle as a benchmark policy: verified once, a fresh policy per episode. */
    static PolicySpec bundleSpec(String name, java.nio.file.Path zip) {
        PolicyBundle bundle = PolicyBundle.read(zip);
        if (isMultiAgent(bundle)) {
            return PolicySpec.joint(name, bundle.metadata().algorithm() + " bundle " + bundle.metadata().name(),
                    sim -> MarlBundles.load(bundle, new SimParallelEnvironment(sim)));
        }
        return new PolicySpec(name, bundle.metadata().algorithm() + " bundle " + bundle.metadata().name(),
                Simulator.Options.SCENARIO, sim -> DrlBundles.loadPolicy(bundle, sim.schema(), sim.actionSpace(), sim.callGraph(),
                        sim.baselineReplicas()), false);
    }

    /** Whether a bundle holds per-service healers (trained by a multi-agent learner) rather than one policy. */
    public static boolean isMultiAgent(PolicyBundle bundle) {
        return bundle.metadata().algorithm().startsWith("marl-");
    }

    public void add(String name, String description, Supplier<PolicySpec> spec) {
        specs.put(name, spec);
        descriptions.put(name, description);
    }

    public List<String> names() {
        return new ArrayList<>(specs.keySet());
    }

    /**
     * What a benchmark of {@code suite} runs by default: every policy but the shipped bundles trained for
     * another suite. A shipped bundle is named {@code <algorithm>.<suite>} ({@code dqn.standard},
     * {@code ppo.shop}) and belongs to that suite and its splits ({@code standard-holdout}); a bundle
     * trained at the shop's 20 req/s has nothing to say about the standard suite's 600, and the other way round.
     */
    public List<String> defaultsFor(String suite) {
        List<String> shipped = shippedBundles();
        return names().stream().filter(n -> {
            if (!shipped.contains(n)) {
                return true;
            }
            String trainedFor = n.substring(n.indexOf('.') + 1);
            return suite.equals(trainedFor) || suite.startsWith(trainedFor + "-");
        }).toList();
    }

    public Map<String, String> descriptions() {
        return descriptions;
    }

    public boolean contains(String name) {
        return specs.containsKey(name) || name.startsWith(BUNDLE_PREFIX);
    }

    /** The policy of that name; an unknown name is an error listing the known ones. */
    public PolicySpec get(String name) {
        if (name.startsWith(BUNDLE_PREFIX) && !specs.containsKey(name)) {
            java.nio.file.Path zip = java.nio.file.Path.of(name.substring(BUNDLE_PREFIX.length()));
            return bundleSpec(name, zip);
        }
        Supplier<PolicySpec> s = specs.get(name);
        if (s == null) {
            throw new IllegalArgumentException("unknown policy '" + name + "'; known policies: " + String.join(", ", names())
                    + ", or bundle:PATH for a policy bundle");
        }
        return s.get();
    }
}
