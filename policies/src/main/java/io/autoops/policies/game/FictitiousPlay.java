package io.autoops.policies.game;

/**
 * Approximate Nash equilibrium of an N-player game by simultaneous fictitious play: every round each
 * player best-responds (lowest index on ties) to the empirical mixture of the others' past actions;
 * the empirical mixtures are returned with the ε they achieve. Converges for two-player zero-sum,
 * potential and 2 x n games; it can cycle elsewhere (Shapley's game), which the reported ε shows.
 * Deterministic.
 */
public final class FictitiousPlay {

    private FictitiousPlay() {
    }

    /**
     * @param rounds      rounds to play at most
     * @param targetEpsilon stop early once the empirical profile is this close to an equilibrium
     */
    public static Equilibrium solve(NormalFormGame g, int rounds, double targetEpsilon) {
        if (rounds < 1) {
            throw new IllegalArgumentException("rounds must be >= 1, got " + rounds);
        }
        int np = g.playerCount();
        double[][] counts = new double[np][];
        double[][] mix = new double[np][];
        for (int p = 0; p < np; p++) {
            counts[p] = new double[g.actions(p)];
            mix[p] = Payoffs.uniform(g.actions(p));
        }
        int[] play = new int[np];
        for (int t = 1; t <= rounds; t++) {
            for (int p = 0; p < np; p++) {
                play[p] = Payoffs.bestResponse(Payoffs.actionValues(g, mix, p));
            }
            for (int p = 0; p < np; p++) {
                counts[p][play[p]]++;
                for (int a = 0; a < counts[p].length; a++) {
                    mix[p][a] = counts[p][a] / t;
                }
            }
            if (t % 64 == 0 && Payoffs.epsilon(g, mix) <= targetEpsilon) {
                break;
            }
        }
        return Equilibrium.of(g, mix);
    }
}
