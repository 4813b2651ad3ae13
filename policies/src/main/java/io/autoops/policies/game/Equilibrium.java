package io.autoops.policies.game;

/**
 * A profile of independent mixed strategies, with what each player expects from it and how far it is
 * from an equilibrium.
 *
 * @param strategies one probability vector per player
 * @param payoffs    each player's expected payoff
 * @param epsilon    the most any player gains by deviating alone (0 for an exact Nash equilibrium)
 */
public record Equilibrium(double[][] strategies, double[] payoffs, double epsilon) {

    /** Evaluates a mixed profile on a game. */
    public static Equilibrium of(NormalFormGame g, double[][] strategies) {
        return new Equilibrium(strategies, Payoffs.expected(g, strategies), Payoffs.epsilon(g, strategies));
    }

    /** A pure profile as degenerate mixed strategies. */
    public static Equilibrium pure(NormalFormGame g, int[] profile) {
        double[][] s = new double[g.playerCount()][];
        for (int p = 0; p < s.length; p++) {
            s[p] = new double[g.actions(p)];
            s[p][profile[p]] = 1;
        }
        return of(g, s);
    }

    public double welfare() {
        double w = 0;
        for (double u : payoffs) {
            w += u;
        }
        return w;
    }

    /** Whether the two describe the same profile up to {@code tol} per probability. */
    public boolean sameAs(Equilibrium other, double tol) {
        for (int p = 0; p < strategies.length; p++) {
            for (int a = 0; a < strategies[p].length; a++) {
                if (Math.abs(strategies[p][a] - other.strategies[p][a]) > tol) {
                    return false;
                }
            }
        }
        return true;
    }
}
