package io.autoops.policies.game;

/** Expected payoffs under independent mixed strategies, for any number of players. */
public final class Payoffs {

    private Payoffs() {
    }

    /** Each player's expected payoff when everyone plays {@code s}. */
    public static double[] expected(NormalFormGame g, double[][] s) {
        double[] out = new double[g.playerCount()];
        int[] prof = new int[g.playerCount()];
        for (int i = 0; i < g.profileCount(); i++) {
            double w = 1;
            for (int p = 0; p < prof.length && w != 0; p++) {
                w *= s[p][prof[p]];
            }
            if (w != 0) {
                for (int p = 0; p < out.length; p++) {
                    out[p] += w * g.payoff(i, p);
                }
            }
            next(g, prof);
        }
        return out;
    }

    /** Player {@code player}'s expected payoff of each of its pure actions against the others' strategies. */
    public static double[] actionValues(NormalFormGame g, double[][] s, int player) {
        double[] out = new double[g.actions(player)];
        int[] prof = new int[g.playerCount()];
        for (int i = 0; i < g.profileCount(); i++) {
            double w = 1;
            for (int p = 0; p < prof.length && w != 0; p++) {
                if (p != player) {
                    w *= s[p][prof[p]];
                }
            }
            if (w != 0) {
                out[prof[player]] += w * g.payoff(i, player);
            }
            next(g, prof);
        }
        return out;
    }

    /** The largest gain any player gets from a unilateral deviation: 0 at a Nash equilibrium. */
    public static double epsilon(NormalFormGame g, double[][] s) {
        double eps = 0;
        for (int p = 0; p < g.playerCount(); p++) {
            double[] v = actionValues(g, s, p);
            double current = 0;
            double best = Double.NEGATIVE_INFINITY;
            for (int a = 0; a < v.length; a++) {
                current += s[p][a] * v[a];
                best = Math.max(best, v[a]);
            }
            eps = Math.max(eps, best - current);
        }
        return eps;
    }

    /** The lowest-index pure best response. */
    static int bestResponse(double[] values) {
        int best = 0;
        for (int a = 1; a < values.length; a++) {
            if (values[a] > values[best] + 1e-12) {
                best = a;
            }
        }
        return best;
    }

    static double[] uniform(int n) {
        double[] u = new double[n];
        java.util.Arrays.fill(u, 1.0 / n);
        return u;
    }

    /** Advances a profile odometer in the game's profile order (player 0 fastest). */
    static void next(NormalFormGame g, int[] prof) {
        for (int p = 0; p < prof.length; p++) {
            if (++prof[p] < g.actions(p)) {
                return;
            }
            prof[p] = 0;
        }
    }
}
