package io.autoops.experiments.cli;

import io.autoops.env.scenario.BundledScenarios;
import io.autoops.env.scenario.Suite;
import io.autoops.experiments.bench.Benchmark;
import io.autoops.experiments.bench.PolicyRegistry;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.concurrent.Callable;

/** The main job: compare healing policies on a suite and write a report. */
@Command(name = "bench",
        description = "Benchmark healing policies on a scenario suite; write CSVs, charts and report.html.",
        mixinStandardHelpOptions = true)
final class BenchCommand implements Callable<Integer> {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Option(names = "--suite", description = "Bundled suite name or a suite YAML file (default: ${DEFAULT-VALUE}).",
            defaultValue = "standard")
    String suite;

    @Option(names = "--policies", split = ",", description = "Comma-separated policy names (default: every registered policy but "
            + "the shipped bundles trained for another suite).")
    List<String> policies;

    @Option(names = "--seeds", description = "Evaluation seeds per scenario (default: ${DEFAULT-VALUE}).", defaultValue = "10")
    int seeds;

    @Option(names = "--out", description = "Output folder (default: results/bench-<timestamp>).")
    Path out;

    @Option(names = "--threads", description = "Worker threads; 0 means one per core (default: ${DEFAULT-VALUE}).",
            defaultValue = "0")
    int threads;

    @Option(names = "--list-policies", description = "Print the registered policies and exit.")
    boolean listPolicies;

    @Option(names = "--list-suites", description = "Print the bundled suites and scenarios and exit.")
    boolean listSuites;

    @Override
    public Integer call() {
        int nThreads = threads > 0 ? threads : Runtime.getRuntime().availableProcessors();
        if (listSuites) {
            for (String s : Suite.bundled()) {
                Suite st = Suite.load(s);
                System.out.printf("%-10s %s (%d scenarios)%n", s, st.description(), st.scenarios().size());
            }
            System.out.println();
            System.out.println("scenarios: " + String.join(" ", BundledScenarios.names()));
            return 0;
        }
        Suite st;
        try {
            st = Suite.load(suite);
        } catch (RuntimeException e) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--suite: " + e.getMessage());
        }
        PolicyRegistry registry = PolicyRegistry.builtIn(st.scenarios(), nThreads);
        if (listPolicies) {
            registry.descriptions().forEach((n, d) -> System.out.printf("%-20s %s%n", n, d));
            return 0;
        }
        if (seeds < 1) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--seeds must be at least 1, got " + seeds);
        }
        List<String> chosen = policies == null ? registry.defaultsFor(st.name()) : policies;
        for (String p : chosen) {
            if (!registry.contains(p)) {
                throw new CommandLine.ParameterException(spec.commandLine(), "unknown policy '" + p + "'; known policies: "
                        + String.join(", ", registry.names()));
            }
        }
        Path dir = out != null ? out : Path.of("results", "bench-" + LocalDateTime.now()
                .format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss")));
        String command = "autoops " + String.join(" ", spec.commandLine().getParseResult().originalArgs());
        System.err.printf("autoops: %s suite (%d scenarios) x %d policies x %d seeds on %d threads%n", st.name(),
                st.scenarios().size(), chosen.size(), seeds, nThreads);
        Benchmark.Result r = Benchmark.run(new Benchmark.Config(st, chosen, seeds, nThreads, dir, command.strip()),
                registry, System.err);
        System.out.print(Benchmark.headlineText(r.aggregates()));
        System.out.println();
        r.failures().forEach(f -> System.out.println("FAILED " + f.task().runName() + " (seed " + f.task().seed() + "): " + f.error()));
        System.out.printf("%d episodes in %.1f s (runner: %.0f episodes/s); report: %s%n", r.episodes().size(),
                r.wallTime().toMillis() / 1000.0, r.episodesPerSecond(), r.out().resolve("report.html"));
        return r.failures().isEmpty() ? 0 : 1;
    }
}
