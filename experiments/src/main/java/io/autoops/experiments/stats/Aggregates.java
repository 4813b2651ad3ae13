package io.autoops.experiments.stats;

import io.autoops.env.sim.FaultOutcome;
import io.autoops.experiments.run.EpisodeResult;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Everything the report says, computed from the episode results of a benchmark.
 *
 * <p>Normalised score of an episode: {@code (R - R_noop) / (R_oracle - R_noop)}, with the no-op and
 * oracle returns averaged over the scenario's evaluation seeds. In fault-free controls the oracle is the
 * no-op (0 / 0), so there the denominator is the median oracle gain of the suite's fault scenarios:
 * doing nothing scores 0, and an unneeded action costs in the same units as a recovery gains.
 */
public final class Aggregates {

    public static final int BOOTSTRAP_REPS = 2000;
    public static final double[] TAUS = linspace(-1, 1.5, 51);

    /** One policy's line of the headline table. */
    public record PolicySummary(String policy, boolean reference, Rliable.Interval iqm, double meanScore,
                                double availability, double sloViolationMinutes, double mttrSeconds,
                                double mitigatedShare, double falsePositives, double actions, double cost,
                                double welfare, double conflicts, int episodes) {
    }

    /**
     * The empirical price of anarchy: mean episode welfare of the team-optimal healers over that of the
     * Nash healers on the same episodes (NaN unless both ran and both welfares are positive).
     */
    public double priceOfAnarchy(String team, String nash) {
        double t = summaries.stream().filter(s -> s.policy().equals(team)).mapToDouble(PolicySummary::welfare).findFirst().orElse(Double.NaN);
        double n = summaries.stream().filter(s -> s.policy().equals(nash)).mapToDouble(PolicySummary::welfare).findFirst().orElse(Double.NaN);
        return t > 0 && n > 0 ? t / n : Double.NaN;
    }

    /** Mean MTTR and mitigation share of one policy on one fault type. */
    public record FaultStat(String policy, String faultType, double mttrSeconds, double mttdSeconds,
                            double mitigatedShare, int faults) {
    }

    private final List<String> policies;
    private final List<String> scenarios;
    private final Map<String, double[][]> scores = new LinkedHashMap<>();
    private final Map<String, Double> episodeScore = new LinkedHashMap<>();
    private final List<PolicySummary> summaries = new ArrayList<>();
    private final double[][] poi;
    private final Map<String, double[]> profiles = new LinkedHashMap<>();
    private final List<FaultStat> faultStats = new ArrayList<>();

    public Aggregates(List<EpisodeResult> results, List<String> policies, List<String> referencePolicies,
                      List<String> scenarios, long bootstrapSeed) {
        this.policies = List.copyOf(policies);
        this.scenarios = List.copyOf(scenarios);
        Map<String, double[]> ref = new TreeMap<>();
        List<Double> gains = new ArrayList<>();
        for (String sc : scenarios) {
            double noop = meanReturn(results, sc, "noop");
            double oracle = meanReturn(results, sc, "oracle");
            if (Double.isNaN(noop) || Double.isNaN(oracle)) {
                throw new IllegalArgumentException("scenario " + sc + " needs noop and oracle episodes to normalise scores");
            }
            boolean control = results.stream().anyMatch(r -> r.scenario().equals(sc) && r.faultFree());
            ref.put(sc, new double[] {noop, control ? Double.NaN : oracle - noop});
            if (!control && oracle - noop > 0) {
                gains.add(oracle - noop);
            }
        }
        double medianGain = gains.isEmpty() ? 1.0 : Rliable.median(gains.stream().mapToDouble(Double::doubleValue).toArray());
        for (double[] nr : ref.values()) {
            // A fault scenario in which the oracle gains (almost) nothing is scaled like a control.
            if (Double.isNaN(nr[1]) || nr[1] < 1e-3 * medianGain) {
                nr[1] = medianGain;
            }
        }
        for (EpisodeResult r : results) {
            double[] nr = ref.get(r.scenario());
            episodeScore.put(key(r), (r.ret() - nr[0]) / nr[1]);
        }
        for (String p : policies) {
            List<double[]> rows = new ArrayList<>();
            for (String sc : scenarios) {
                double[] row = results.stream().filter(r -> r.policy().equals(p) && r.scenario().equals(sc))
                        .mapToDouble(r -> episodeScore.get(key(r))).toArray();
                if (row.length > 0) {
                    rows.add(row);
                }
            }
            scores.put(p, rows.toArray(new double[0][]));
        }
        for (String p : policies) {
            double[][] s = scores.get(p);
            List<EpisodeResult> mine = results.stream().filter(r -> r.policy().equals(p)).toList();
            List<FaultOutcome> faults = mine.stream().flatMap(r -> r.faults().stream()).toList();
            Rliable.Interval iqm = s.length == 0 ? new Rliable.Interval(Double.NaN, Double.NaN, Double.NaN)
                    : Rliable.stratifiedBootstrap(s, Rliable::iqm, BOOTSTRAP_REPS, bootstrapSeed);
            summaries.add(new PolicySummary(p, referencePolicies.contains(p), iqm, s.length == 0 ? Double.NaN : Rliable.mean(s),
                    avg(mine.stream().mapToDouble(EpisodeResult::availability).toArray()),
                    avg(mine.stream().mapToDouble(EpisodeResult::sloViolationMinutes).toArray()),
                    avg(faults.stream().filter(FaultOutcome::mitigated).mapToDouble(FaultOutcome::mttrSeconds).toArray()),
                    faults.isEmpty() ? Double.NaN : faults.stream().filter(FaultOutcome::mitigated).count() / (double) faults.size(),
                    avg(mine.stream().mapToDouble(EpisodeResult::falsePositives).toArray()),
                    avg(mine.stream().mapToDouble(EpisodeResult::actions).toArray()),
                    avg(mine.stream().mapToDouble(EpisodeResult::cost).toArray()),
                    avg(mine.stream().mapToDouble(EpisodeResult::welfare).toArray()),
                    avg(mine.stream().mapToDouble(EpisodeResult::conflicts).toArray()), mine.size()));
            if (s.length > 0) {
                profiles.put(p, Rliable.performanceProfile(s, TAUS));
            }
            Map<String, List<FaultOutcome>> byType = new TreeMap<>();
            faults.forEach(f -> byType.computeIfAbsent(f.type().id(), k -> new ArrayList<>()).add(f));
            byType.forEach((type, fs) -> faultStats.add(new FaultStat(p, type,
                    avg(fs.stream().filter(FaultOutcome::mitigated).mapToDouble(FaultOutcome::mttrSeconds).toArray()),
                    avg(fs.stream().mapToDouble(FaultOutcome::mttdSeconds).filter(v -> !Double.isNaN(v)).toArray()),
                    fs.stream().filter(FaultOutcome::mitigated).count() / (double) fs.size(), fs.size())));
        }
        poi = new double[policies.size()][policies.size()];
        for (int i = 0; i < policies.size(); i++) {
            for (int j = 0; j < policies.size(); j++) {
                double[][] x = scores.get(policies.get(i));
                double[][] y = scores.get(policies.get(j));
                poi[i][j] = i == j || x.length != y.length || x.length == 0 ? Double.NaN
                        : Rliable.probabilityOfImprovement(x, y);
            }
        }
    }

    private static String key(EpisodeResult r) {
        return r.scenario() + "|" + r.policy() + "|" + r.seed();
    }

    /** The normalised score of one episode. */
    public double score(EpisodeResult r) {
        return episodeScore.get(key(r));
    }

    public List<String> policies() {
        return policies;
    }

    public List<String> scenarios() {
        return scenarios;
    }

    /** Scores of a policy, {@code [scenario][seed]}. */
    public double[][] scores(String policy) {
        return scores.get(policy);
    }

    public List<PolicySummary> summaries() {
        return summaries;
    }

    public PolicySummary summary(String policy) {
        return summaries.stream().filter(s -> s.policy().equals(policy)).findFirst().orElseThrow();
    }

    /** P(row policy > column policy); NaN on the diagonal. */
    public double[][] probabilityOfImprovement() {
        return poi;
    }

    public Map<String, double[]> profiles() {
        return profiles;
    }

    public List<FaultStat> faultStats() {
        return faultStats;
    }

    /** The competitor (not noop, not oracle) with the highest IQM. */
    public String bestCompetitor() {
        return summaries.stream().filter(s -> !s.reference() && !Double.isNaN(s.iqm().value()))
                .max(java.util.Comparator.comparingDouble(s -> s.iqm().value())).map(PolicySummary::policy).orElse(null);
    }

    private static double meanReturn(List<EpisodeResult> results, String scenario, String policy) {
        return avg(results.stream().filter(r -> r.scenario().equals(scenario) && r.policy().equals(policy))
                .mapToDouble(EpisodeResult::ret).toArray());
    }

    /** Mean of the values; NaN for none. */
    public static double avg(double[] v) {
        if (v.length == 0) {
            return Double.NaN;
        }
        double s = 0;
        for (double x : v) {
            s += x;
        }
        return s / v.length;
    }

    private static double[] linspace(double a, double b, int n) {
        double[] out = new double[n];
        for (int i = 0; i < n; i++) {
            out[i] = a + (b - a) * i / (n - 1);
        }
        return out;
    }
}
