package io.autoops.experiments.cli;

import io.autoops.env.scenario.ScenarioLoader;
import io.autoops.experiments.perf.SimPerf;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/** Speed figures, printed one per line as {@code name value unit}. */
@Command(name = "perf",
        description = "Measure speed: 'perf sim' (simulator), 'perf learners' (training, decisions), 'perf agents' "
                + "(monitoring), 'perf games' (game solvers, joint decisions).",
        mixinStandardHelpOptions = true,
        subcommands = {PerfCommand.Sim.class, PerfCommand.Learners.class, PerfCommand.Agents.class, PerfCommand.Games.class})
final class PerfCommand implements Runnable {

    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        throw new picocli.CommandLine.ParameterException(spec.commandLine(), "Missing subcommand: sim, learners, agents or games");
    }

    static void print(Map<String, SimPerf.Figure> figures) {
        new TreeMap<>(figures).forEach((name, f) -> System.out.printf(Locale.ROOT, "%s %s %s%n", name,
                f.value() >= 100 ? String.format(Locale.ROOT, "%.0f", f.value()) : String.format(Locale.ROOT, "%.2f", f.value()),
                f.unit()));
    }

    @Command(name = "sim", mixinStandardHelpOptions = true,
            description = "Simulator throughput: single-agent view and vector view (per thread), and bytes allocated per step.")
    static final class Sim implements Runnable {
        @Option(names = "--scenario", description = "Scenario to step with a no-op policy (default: ${DEFAULT-VALUE}).",
                defaultValue = "standard/control-medium")
        String scenario;

        @Option(names = "--runs", description = "Timed runs per figure; the median is printed (default: ${DEFAULT-VALUE}).",
                defaultValue = "5")
        int runs;

        @Option(names = "--run-millis", description = "Length of one timed run in ms (default: ${DEFAULT-VALUE}).",
                defaultValue = "1000")
        long runMillis;

        @Override
        public void run() {
            print(SimPerf.measure(ScenarioLoader.load(scenario), runs, runMillis));
        }
    }

    @Command(name = "learners", mixinStandardHelpOptions = true,
            description = "Training throughput (environment steps/s, updates included) of our DQN and PPO on the vector "
                    + "environment and of RL4J's DQN on one copy, with the same network (2 x 64), batch and update ratio, "
                    + "their ratio, and the decision latency of a policy loaded from a bundle.")
    static final class Learners implements Runnable {
        @picocli.CommandLine.Spec
        picocli.CommandLine.Model.CommandSpec spec;

        @Option(names = "--suite", description = "Suite to train on (default: ${DEFAULT-VALUE}).", defaultValue = "standard")
        String suite;

        @Option(names = "--envs", description = "Vector copies (default: ${DEFAULT-VALUE}).", defaultValue = "16")
        int envs;

        @Option(names = "--steps", description = "Environment steps of one timed run of our DQN, after warm-up (PPO's "
                + "runs are a quarter of it; default: ${DEFAULT-VALUE}).", defaultValue = "100000")
        long steps;

        @Option(names = "--rl4j-steps", description = "Timed environment steps of RL4J's DQN at our update ratio, split "
                + "into --runs windows; a tenth of it for RL4J as it comes (default: ${DEFAULT-VALUE}).", defaultValue = "30000")
        long rl4jSteps;

        @Option(names = "--runs", description = "Timed runs per figure; the median is printed (default: ${DEFAULT-VALUE}).",
                defaultValue = "5")
        int runs;

        @Override
        public void run() {
            if (runs < 1 || steps < 1 || rl4jSteps < 1 || envs < 1) {
                throw new picocli.CommandLine.ParameterException(spec.commandLine(),
                        "--runs, --steps, --rl4j-steps and --envs must be positive");
            }
            print(io.autoops.experiments.perf.LearnerPerf.measure(io.autoops.env.scenario.Suite.load(suite).scenarios(),
                    envs, steps, rl4jSteps, runs));
        }
    }

    @Command(name = "agents", mixinStandardHelpOptions = true,
            description = "Samples per second one monitoring agent ingests (the simulator's 70 features plus 100 custom metrics).")
    static final class Agents implements Runnable {
        @Option(names = "--runs", description = "Timed runs; the median is printed (default: ${DEFAULT-VALUE}).", defaultValue = "5")
        int runs;

        @Override
        public void run() {
            print(io.autoops.experiments.perf.AgentPerf.measure(io.autoops.env.scenario.ScenarioLoader.load("standard/control-medium"), runs));
        }
    }

    @Command(name = "games", mixinStandardHelpOptions = true,
            description = "Game-solver times on random 5x5, 10x10 and 20x20 two-player games, and the time per joint "
                    + "decision of each stage-game policy.")
    static final class Games implements Runnable {
        @Option(names = "--scenario", description = "Scenario whose episodes the joint decisions are timed on "
                + "(default: ${DEFAULT-VALUE}).", defaultValue = "standard/random-mix")
        String scenario;

        @Option(names = "--episodes", description = "Timed episodes per policy (default: ${DEFAULT-VALUE}).",
                defaultValue = "3")
        int episodes;

        @Override
        public void run() {
            print(io.autoops.experiments.perf.GamePerf.measure(ScenarioLoader.load(scenario), episodes));
        }
    }
}
