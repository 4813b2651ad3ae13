package io.autoops.experiments.cli;

import io.autoops.policies.game.CorrelatedEquilibrium;
import io.autoops.policies.game.Equilibrium;
import io.autoops.policies.game.FictitiousPlay;
import io.autoops.policies.game.LemkeHowson;
import io.autoops.policies.game.Nfg;
import io.autoops.policies.game.NormalFormGame;
import io.autoops.policies.game.PureNash;
import io.autoops.policies.game.RegretMatching;
import io.autoops.policies.game.SupportEnumeration;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.nio.file.Path;
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
                    + "{\"strategies\": [[p1 probabilities], ...], \"payoffs\": [u1, ...]} (approximate methods add "
                    + "\"epsilon\", the most a player gains by deviating; ce-welfare adds the joint \"distribution\").")
    static final class Solve implements Callable<Integer> {
        @picocli.CommandLine.Spec
        picocli.CommandLine.Model.CommandSpec spec;

        @Parameters(paramLabel = "FILE.nfg", description = "The game.")
        Path file;

        @Option(names = "--method", description = "support (all equilibria of a two-player game; the default for two "
                + "players), lemke-howson (one equilibrium, fast), enum (every pure equilibrium; the default for more "
                + "players), fictitious, regret (approximate, any number of players), ce-welfare (the correlated "
                + "equilibrium with the highest welfare), welfare (the welfare-maximising joint action).")
        String method;

        @Option(names = "--rounds", description = "Rounds of fictitious play or regret matching (default: ${DEFAULT-VALUE}).",
                defaultValue = "100000")
        int rounds;

        @Option(names = "--label", description = "Lemke-Howson's initial dropped label, 0..m+n-1 (default: ${DEFAULT-VALUE}).",
                defaultValue = "0")
        int label;

        @Override
        public Integer call() {
            NormalFormGame g = Nfg.read(file);
            java.io.PrintWriter out = spec.commandLine().getOut();
            String m = method != null ? method : g.playerCount() == 2 ? "support" : "enum";
            switch (m) {
                case "enum" -> PureNash.equilibria(g).forEach(p -> out.println(json(Equilibrium.pure(g, p), false)));
                case "welfare" -> out.println(json(Equilibrium.pure(g, PureNash.welfareOptimum(g)), false));
                case "support" -> {
                    SupportEnumeration.Result r = SupportEnumeration.solve(g);
                    if (r.degenerate()) {
                        spec.commandLine().getErr().println("note: the game is degenerate; printing its extreme equilibria "
                                + "(vertex enumeration): every equilibrium is a mix of these within a component");
                    }
                    r.equilibria().forEach(e -> out.println(json(e, false)));
                }
                case "lemke-howson" -> out.println(json(LemkeHowson.solve(g, label), false));
                case "fictitious" -> out.println(json(FictitiousPlay.solve(g, rounds, 1e-9), true));
                case "regret" -> out.println(json(RegretMatching.solve(g, rounds, 1e-9), true));
                case "ce-welfare" -> {
                    CorrelatedEquilibrium ce = CorrelatedEquilibrium.maxWelfare(g);
                    String line = json(new Equilibrium(ce.marginals(), ce.payoffs(), ce.epsilon()), false);
                    out.println(line.substring(0, line.length() - 1) + ", \"distribution\": " + vector(ce.distribution()) + "}");
                }
                default -> throw new IllegalArgumentException("unknown method '" + m + "'; available: support, "
                        + "lemke-howson, enum, fictitious, regret, ce-welfare, welfare");
            }
            out.flush();
            return 0;
        }
    }

    /** One solution as a JSON line. */
    static String json(Equilibrium e, boolean withEpsilon) {
        StringBuilder sb = new StringBuilder("{\"strategies\": [");
        for (int p = 0; p < e.strategies().length; p++) {
            sb.append(p == 0 ? "" : ", ").append(vector(e.strategies()[p]));
        }
        sb.append("], \"payoffs\": ").append(vector(e.payoffs()));
        if (withEpsilon) {
            sb.append(", \"epsilon\": ").append(number(e.epsilon()));
        }
        return sb.append('}').toString();
    }

    private static String vector(double[] v) {
        StringBuilder sb = new StringBuilder("[");
        for (int i = 0; i < v.length; i++) {
            sb.append(i == 0 ? "" : ", ").append(number(v[i]));
        }
        return sb.append(']').toString();
    }

    /** Integers as integers, else 8 significant digits (LP and float round-off stay out of sight); tiny values print as 0. */
    static String number(double x) {
        if (Math.abs(x) < 1e-8) {
            return "0";
        }
        double r = Math.rint(x);
        if (Math.abs(x - r) < 1e-8 * Math.max(1, Math.abs(x))) {
            return Long.toString((long) r);
        }
        return new java.math.BigDecimal(x).round(new java.math.MathContext(8)).stripTrailingZeros().toPlainString();
    }
}
