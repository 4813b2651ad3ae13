package io.autoops.experiments.cli;

import io.autoops.policies.game.Nfg;
import io.autoops.policies.game.NormalFormGame;
import io.autoops.policies.game.PureNash;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;

/** Game-theoretic tools. */
@Command(name = "game", description = "Game theory: 'game solve FILE.nfg' prints equilibria as JSON lines.",
        mixinStandardHelpOptions = true, subcommands = {GameCommand.Solve.class})
final class GameCommand implements Runnable {

    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        throw new picocli.CommandLine.ParameterException(spec.commandLine(), "Missing subcommand: solve");
    }

    @Command(name = "solve", mixinStandardHelpOptions = true,
            description = "Solve a game in Gambit's .nfg format; one JSON line per solution: "
                    + "{\"strategies\": [[p1 probabilities], ...], \"payoffs\": [u1, ...]}.")
    static final class Solve implements Callable<Integer> {
        @Parameters(paramLabel = "FILE.nfg", description = "The game.")
        Path file;

        @Option(names = "--method", description = "enum (every pure Nash equilibrium) or welfare (the welfare-maximising "
                + "joint action) (default: ${DEFAULT-VALUE}).", defaultValue = "enum")
        String method;

        @Override
        public Integer call() {
            NormalFormGame g = Nfg.read(file);
            switch (method) {
                case "enum" -> PureNash.equilibria(g).forEach(p -> System.out.println(json(g, p)));
                case "welfare" -> System.out.println(json(g, PureNash.welfareOptimum(g)));
                default -> throw new IllegalArgumentException("unknown method '" + method + "'; available: enum, welfare");
            }
            return 0;
        }
    }

    /** A pure profile as probability vectors, with its payoffs. */
    static String json(NormalFormGame g, int[] profile) {
        StringBuilder sb = new StringBuilder("{\"strategies\": [");
        for (int p = 0; p < g.playerCount(); p++) {
            sb.append(p == 0 ? "[" : ", [");
            for (int a = 0; a < g.actions(p); a++) {
                sb.append(a == 0 ? "" : ", ").append(a == profile[p] ? "1" : "0");
            }
            sb.append(']');
        }
        sb.append("], \"payoffs\": [");
        double[] u = g.payoffs(profile);
        for (int p = 0; p < u.length; p++) {
            sb.append(p == 0 ? "" : ", ").append(u[p] == Math.rint(u[p]) ? Long.toString((long) u[p])
                    : String.format(Locale.ROOT, "%.10g", u[p]));
        }
        return sb.append("]}").toString();
    }
}
