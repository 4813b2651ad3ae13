package io.autoops.experiments.cli;

import io.autoops.core.healing.strategy.StrategyLibrary;
import io.autoops.env.scenario.Scenario;
import io.autoops.env.scenario.ScenarioLoader;
import io.autoops.env.scenario.Suite;
import io.autoops.env.sim.FaultOutcome;
import io.autoops.env.sim.Simulator;
import io.autoops.experiments.agents.AgentPipeline;
import io.autoops.experiments.bench.PolicyRegistry;
import io.autoops.experiments.bench.PolicySpec;
import io.autoops.experiments.io.AtomicFiles;
import io.autoops.experiments.run.EpisodeResult;
import io.autoops.experiments.run.TraceWriter;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;

/** Runs one simulated episode and prints what happened to each fault. */
@Command(name = "simulate",
        description = "Run one episode of a scenario with a policy; print a per-fault summary, optionally write the per-tick trace.",
        mixinStandardHelpOptions = true)
final class SimulateCommand implements Callable<Integer> {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

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

    @Option(names = "--agents", description = "Run the seed's agent pipeline instead of a policy: monitoring, analysis "
            + "(sigma3 detectors, root-cause ranking), alerting (the seed's threshold rules) and healing (the seed's "
            + "strategies, verified, with fallback); print each incident.")
    boolean agents;

    @Option(names = "--approve-after", description = "With --agents: seconds of simulated time after which a simulated "
            + "operator approves a risky strategy (default: ${DEFAULT-VALUE}).", defaultValue = "30")
    long approveAfter;

    @Override
    public Integer call() {
        Scenario sc = ScenarioLoader.load(scenario);
        if (ticks != null) {
            if (ticks < 1) {
                throw new IllegalArgumentException("--ticks must be at least 1, got " + ticks);
            }
            sc = Scenarios.withEpisodeTicks(sc, ticks);
        }
        if (agents && spec.commandLine().getParseResult().hasMatchedOption("--policy")) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--agents runs the agent pipeline: drop --policy " + policy);
        }
        if (approveAfter < 0) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--approve-after must not be negative, got " + approveAfter);
        }
        AgentPipeline[] pipeline = new AgentPipeline[1];
        PolicySpec p = agents
                ? new PolicySpec("agents", "the seed's agent pipeline", Simulator.Options.SCENARIO,
                        sim -> pipeline[0] = new AgentPipeline(sim, StrategyLibrary.seed(), approveAfter * 1000), false)
                : PolicyRegistry.builtIn(Suite.load("standard").scenarios(), 2).get(policy);
        Scenario run = sc;
        EpisodeResult[] result = new EpisodeResult[1];
        if (trace != null) {
            AtomicFiles.write(trace, w -> result[0] = p.play(run, seed, new TraceWriter(w)));
        } else {
            result[0] = p.play(run, seed, null);
        }
        print(result[0], sc);
        if (pipeline[0] != null) {
            printAgents(pipeline[0]);
            pipeline[0].close();
        }
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

    static void printAgents(AgentPipeline p) {
        List<AgentPipeline.Incident> incidents = p.incidents();
        System.out.println(incidents.size() + (incidents.size() == 1 ? " incident" : " incidents"));
        for (AgentPipeline.Incident i : incidents) {
            System.out.printf(Locale.ROOT, "%s  detected %s  %d alert%s grouped  %s%n", i.id(), AgentPipeline.at(i.detectedAt()),
                    i.alerts(), i.alerts() == 1 ? "" : "s", i.resolvedAt() < 0 ? "still open at the end"
                            : "resolved " + AgentPipeline.at(i.resolvedAt()));
            System.out.println("  alerts:      " + String.join(", ", i.rules()));
            System.out.println("  root cause:  " + (i.rootCauses().isEmpty() ? "-" : String.join(", ", i.rootCauses())));
            if (i.actions().isEmpty()) {
                System.out.println("  actions:     none");
            }
            for (String a : i.actions()) {
                System.out.println("  action:      " + a);
            }
        }
        p.escalations().forEach(e -> System.out.println("escalated: " + e));
        StringBuilder stats = new StringBuilder("strategies:");
        p.library().stats().forEach((name, st) -> {
            if (st.successes() + st.failures() > 0) {
                stats.append(' ').append(name).append(' ').append(st.successes()).append('/').append(st.successes() + st.failures());
            }
        });
        System.out.println(stats);
        StringBuilder bus = new StringBuilder("bus:");
        p.busStats().forEach(st -> bus.append(String.format(Locale.ROOT, " %s %d delivered/%d dropped/%d failed;", st.name(),
                st.delivered(), st.dropped(), st.failures())));
        System.out.println(bus);
    }

    private static String num(double v) {
        return Double.isNaN(v) ? "-" : String.format(Locale.ROOT, "%.0f", v);
    }
}
