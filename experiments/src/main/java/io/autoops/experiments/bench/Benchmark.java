package io.autoops.experiments.bench;

import io.autoops.env.scenario.FaultType;
import io.autoops.env.scenario.Scenario;
import io.autoops.env.scenario.Suite;
import io.autoops.experiments.io.AtomicFiles;
import io.autoops.experiments.report.BenchTables;
import io.autoops.experiments.report.Charts;
import io.autoops.experiments.report.HtmlReport;
import io.autoops.experiments.report.Timeline;
import io.autoops.experiments.run.EpisodeResult;
import io.autoops.experiments.stats.Aggregates;

import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;

/**
 * A benchmark run: policies x scenarios x evaluation seeds, then the CSVs, the charts and the report,
 * written into a folder that appears only when everything in it is complete.
 */
public final class Benchmark {

    /** What to run. */
    public record Config(Suite suite, List<String> policies, int seeds, int threads, Path out, String command) {
    }

    /** What came out. */
    public record Result(Path out, Aggregates aggregates, List<EpisodeResult> episodes,
                         List<BenchRunner.Failure> failures, Duration wallTime, Duration episodeTime) {
        /** Episodes per second of the runner alone (policies built, episodes played; no report). */
        public double episodesPerSecond() {
            return (episodes.size() + failures.size()) / Math.max(1e-9, episodeTime.toNanos() / 1e9);
        }
    }

    private Benchmark() {
    }

    public static Result run(Config cfg, PolicyRegistry registry, PrintStream progress) {
        long start = System.nanoTime();
        List<String> policies = new ArrayList<>(new LinkedHashSet<>(cfg.policies()));
        for (String ref : List.of(PolicyRegistry.NOOP, PolicyRegistry.ORACLE)) {
            if (!policies.contains(ref)) {
                policies.add(ref); // needed to normalise scores
            }
        }
        Map<String, Scenario> scenarios = new LinkedHashMap<>();
        cfg.suite().scenarios().forEach(s -> scenarios.put(s.name(), s));
        Map<String, PolicySpec> specs = new LinkedHashMap<>();
        for (String p : policies) {
            specs.put(p, registry.get(p));
        }
        List<EpisodeTask> tasks = new ArrayList<>();
        for (String sc : scenarios.keySet()) {
            for (String p : policies) {
                for (int i = 0; i < cfg.seeds(); i++) {
                    tasks.add(new EpisodeTask(sc, p, Seeds.evaluation(i)));
                }
            }
        }
        long runStart = System.nanoTime();
        BenchRunner.Outcome outcome = BenchRunner.run(tasks, scenarios, specs, cfg.threads(), progress);
        Duration episodeTime = Duration.ofNanos(System.nanoTime() - runStart);
        List<String> usable = new ArrayList<>(scenarios.keySet());
        List<String> notes = new ArrayList<>();
        for (BenchRunner.Failure f : outcome.failures()) {
            notes.add("episode " + f.task().runName() + " failed: " + f.error());
            if (f.task().policy().equals(PolicyRegistry.NOOP) || f.task().policy().equals(PolicyRegistry.ORACLE)) {
                usable.remove(f.task().scenario());
            }
        }
        List<EpisodeResult> results = outcome.results().stream().filter(r -> usable.contains(r.scenario())).toList();
        Aggregates agg = new Aggregates(results, policies, List.of(PolicyRegistry.NOOP, PolicyRegistry.ORACLE), usable, 20211);

        Path partial = cfg.out().resolveSibling("." + cfg.out().getFileName() + ".partial");
        try {
            AtomicFiles.deleteTree(partial);
            Files.createDirectories(partial);
            BenchTables.write(BenchTables.episodes(results, agg), partial.resolve("episodes.csv"));
            BenchTables.write(BenchTables.faults(results), partial.resolve("faults.csv"));
            BenchTables.write(BenchTables.summary(agg), partial.resolve("summary.csv"));
            BenchTables.write(BenchTables.probabilityOfImprovement(agg), partial.resolve("probability_of_improvement.csv"));
            BenchTables.write(BenchTables.profiles(agg), partial.resolve("performance_profiles.csv"));
            BenchTables.write(BenchTables.faultStats(agg), partial.resolve("mttr_by_fault.csv"));
            AtomicFiles.write(partial.resolve("tasks.jsonl"), w -> {
                for (EpisodeTask t : tasks) {
                    w.write("{\"scenario\":\"" + t.scenario() + "\",\"policy\":\"" + t.policy() + "\",\"seed\":" + t.seed() + "}\n");
                }
            });
            List<String> competitors = policies.stream().filter(p -> !p.equals(PolicyRegistry.ORACLE)).toList();
            List<HtmlReport.Figure> headline = List.of(
                    new HtmlReport.Figure("iqm.png", "IQM of the normalised score per policy, 95% CI", Charts.iqm(agg)),
                    new HtmlReport.Figure("performance_profiles.png", "Performance profiles", Charts.profiles(agg)),
                    new HtmlReport.Figure("mttr_by_fault.png", "Mean time to recover per fault type",
                            Charts.mttrByFault(agg, competitors)));
            List<HtmlReport.Figure> incidents = incidents(cfg, agg, specs, notes);
            for (HtmlReport.Figure f : headline) {
                AtomicFiles.writeBytes(partial.resolve(f.file()), f.png());
            }
            for (HtmlReport.Figure f : incidents) {
                AtomicFiles.writeBytes(partial.resolve(f.file()), f.png());
            }
            Duration wall = Duration.ofNanos(System.nanoTime() - start);
            Map<String, String> facts = new LinkedHashMap<>();
            facts.put("command", cfg.command());
            facts.put("suite", cfg.suite().name() + " (" + usable.size() + " scenarios): " + cfg.suite().description());
            facts.put("policies", String.join(", ", policies));
            facts.put("evaluation seeds", cfg.seeds() + " per scenario (" + Seeds.evaluation(0) + " to "
                    + Seeds.evaluation(cfg.seeds() - 1) + "; training seeds are below " + Seeds.EVALUATION_BASE + ")");
            facts.put("episodes", results.size() + " (" + outcome.failures().size() + " failed)");
            facts.put("wall time", String.format(java.util.Locale.ROOT, "%.1f s on %d threads (episodes: %.1f s, %.0f episodes/s)",
                    wall.toMillis() / 1000.0, cfg.threads(), episodeTime.toMillis() / 1000.0,
                    tasks.size() / Math.max(1e-9, episodeTime.toNanos() / 1e9)));
            String html = HtmlReport.render("AutoOps benchmark: " + cfg.suite().name(), facts, agg, headline, incidents, notes);
            AtomicFiles.write(partial.resolve("report.html"), w -> w.write(html));
            AtomicFiles.deleteTree(cfg.out());
            Files.createDirectories(cfg.out().toAbsolutePath().getParent());
            Files.move(partial, cfg.out(), StandardCopyOption.ATOMIC_MOVE);
            return new Result(cfg.out(), agg, results, outcome.failures(), wall, episodeTime);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write results to " + cfg.out() + ": " + e.getMessage(), e);
        }
    }

    /** One timeline per fault type: the best competitor against the baseline, first evaluation seed. */
    private static List<HtmlReport.Figure> incidents(Config cfg, Aggregates agg, Map<String, PolicySpec> specs,
                                                     List<String> notes) {
        String best = agg.bestCompetitor();
        String baseline = specs.containsKey("rules.k8s-default") ? "rules.k8s-default"
                : specs.containsKey("rules.threshold") ? "rules.threshold" : PolicyRegistry.NOOP;
        List<String> shown = new ArrayList<>();
        if (best != null) {
            shown.add(best);
        }
        if (!shown.contains(baseline)) {
            shown.add(baseline);
        }
        List<HtmlReport.Figure> out = new ArrayList<>();
        for (FaultType type : FaultType.values()) {
            Scenario sc = cfg.suite().scenarios().stream()
                    .filter(s -> s.faults().size() == 1 && s.faults().get(0).type() == type).findFirst().orElse(null);
            if (sc == null) {
                continue;
            }
            Map<String, Timeline> lines = new LinkedHashMap<>();
            for (String p : shown) {
                Timeline t = new Timeline();
                PolicySpec spec = specs.get(p);
                try {
                    spec.play(sc, Seeds.evaluation(0), t);
                    lines.put(p, t);
                } catch (RuntimeException e) {
                    notes.add("incident timeline of " + p + " on " + sc.name() + " failed: " + e.getMessage());
                }
            }
            if (lines.isEmpty()) {
                continue;
            }
            double onset = sc.faults().get(0).onsetTick() * sc.spec().tickSeconds();
            out.add(new HtmlReport.Figure("incident_" + type.id() + ".png", sc.name() + ": " + sc.spec().description(),
                    Charts.timeline(type.id() + " (" + sc.name() + ")", lines, onset)));
        }
        return out;
    }

    /** The headline table as text, for the terminal. */
    public static String headlineText(Aggregates agg) {
        StringBuilder sb = new StringBuilder();
        sb.append(String.format("%-20s %-26s %12s %10s %9s %8s %8s %8s%n", "policy", "IQM score [95% CI]", "availability",
                "SLO-min", "MTTR_s", "mitig.", "FP", "cost"));
        for (Aggregates.PolicySummary s : agg.summaries()) {
            sb.append(String.format(java.util.Locale.ROOT, "%-20s %-26s %12.4f %10.1f %9.1f %7.0f%% %8.1f %8.1f%n",
                    s.policy() + (s.reference() ? " *" : ""),
                    String.format(java.util.Locale.ROOT, "%.3f [%.3f, %.3f]", s.iqm().value(), s.iqm().low(), s.iqm().high()),
                    s.availability(), s.sloViolationMinutes(), s.mttrSeconds(), 100 * s.mitigatedShare(),
                    s.falsePositives(), s.cost()));
        }
        sb.append("* reference policy (normalisation), not a competitor\n");
        double poa = agg.priceOfAnarchy("game.team-optimum", "game.nash");
        if (!Double.isNaN(poa)) {
            sb.append(String.format(java.util.Locale.ROOT, "price of anarchy (welfare of game.team-optimum / game.nash): %.3f%n", poa));
        }
        return sb.toString();
    }
}
