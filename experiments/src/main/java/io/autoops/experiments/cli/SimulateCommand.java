package io.autoops.experiments.cli;

import io.autoops.env.scenario.Scenario;
import io.autoops.env.scenario.ScenarioLoader;
import io.autoops.env.scenario.Suite;
import io.autoops.env.sim.FaultOutcome;
import io.autoops.env.sim.Simulator;
import io.autoops.experiments.bench.PolicyRegistry;
import io.autoops.experiments.bench.PolicySpec;
import io.autoops.experiments.io.AtomicFiles;
import io.autoops.experiments.run.EpisodeResult;
import io.autoops.experiments.run.TraceWriter;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;

/** Runs one simulated episode and prints what happened to each fault. */
@Command(name = "simulate",
        description = "Run one episode of a scenario with a policy; print a per-fault summary, optionally write the per-tick trace.",
        mixinStandardHelpOptions = true)
final class SimulateCommand implements Callable<Integer> {

    @Option(names = "--scenario", required = true,
            description = "Bundled scenario name (e.g. standard/memory-leak) or a scenario YAML file.")
    String scenario;

    @Option(names = "--policy", description = "Any policy 'bench --list-policies' names, or bundle:PATH "
            + "(default: ${DEFAULT-VALUE}).", defaultValue = "noop")
    String policy;

    @Option(names = "--seed", description = "Episode seed (default: ${DEFAULT-VALUE}).", defaultValue = "1")
    long seed;

    @Option(names = "--ticks", description = "Stop after this many ticks (default: the scenario's episode length).")
    Integer ticks;

    @Option(names = "--trace", description = "Write the per-tick trace to this CSV file.")
    Path trace;

    @Override
    public Integer call() {
        Scenario sc = ScenarioLoader.load(scenario);
        if (ticks != null) {
            if (ticks < 1) {
                throw new IllegalArgumentException("--ticks must be at least 1, got " + ticks);
            }
            sc = Scenarios.withEpisodeTicks(sc, ticks);
        }
        PolicyRegistry registry = PolicyRegistry.builtIn(Suite.load("standard").scenarios(), 2);
        PolicySpec p = registry.get(policy);
        Scenario run = sc;
        EpisodeResult[] result = new EpisodeResult[1];
        if (trace != null) {
            AtomicFiles.write(trace, w -> result[0] = p.play(run, seed, new TraceWriter(w)));
        } else {
            result[0] = p.play(run, seed, null);
        }
        print(result[0], sc);
        if (trace != null) {
            System.out.println("trace: " + trace);
        }
        return 0;
    }

    static void print(EpisodeResult r, Scenario sc) {
        System.out.printf(Locale.ROOT, "%s  policy=%s  seed=%d  %s%n", sc.name(), r.policy(), r.seed(), sc.spec().description());
        System.out.printf(Locale.ROOT, "return %.2f  availability %.4f  SLO-violation %.1f min  actions %d (false positives %d)  cost %.1f%n",
                r.ret(), r.availability(), r.sloViolationMinutes(), r.actions(), r.falsePositives(), r.cost());
        if (r.faults().isEmpty()) {
            System.out.println("no faults injected (control)");
            return;
        }
        System.out.printf("%-18s %-16s %8s %8s %8s %8s %-9s%n", "fault", "root", "onset_s", "mttd_s", "fixed_s", "mttr_s",
                "recovered");
        for (FaultOutcome f : r.faults()) {
            System.out.printf(Locale.ROOT, "%-18s %-16s %8.0f %8s %8s %8s %-9s%n", f.type().id(), f.target(), f.onsetSeconds(),
                    num(f.mttdSeconds()), num(f.correctSeconds()), num(f.mttrSeconds()),
                    f.mitigated() ? (f.impact() ? "yes" : "no impact") : "NO");
        }
    }

    private static String num(double v) {
        return Double.isNaN(v) ? "-" : String.format(Locale.ROOT, "%.0f", v);
    }
}
