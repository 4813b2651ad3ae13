package io.autoops.policies.game;

/**
 * Approximate equilibrium of an N-player game by regret matching (Hart and Mas-Colell 2000) in its
 * deterministic full-information form with regret-matching+ updates: each player plays in proportion
 * to its positive cumulative regrets and the time-averaged strategies are returned with their ε. The
 * average play converges to the set of coarse correlated equilibria; the average strategies to a Nash
 * equilibrium in two-player zero-sum games — elsewhere the reported ε says how close they are.
 */
public final class RegretMatching {

    private RegretMatching() {
    }

    public static Equilibrium solve(NormalFormGame g, int rounds, double targetEpsilon) {
        if (rounds < 1) {
            throw new IllegalArgumentException("rounds must be >= 1, got " + rounds);
        }
        int np = g.playerCount();
        double[][] regret = new double[np][];
        double[][] current = new double[np][];
        double[][] sum = new double[np][];
        double[][] avg = new double[np][];
        for (int p = 0; p < np; p++) {
            regret[p] = new double[g.actions(p)];
            current[p] = Payoffs.uniform(g.actions(p));
            sum[p] = new double[g.actions(p)];
            avg[p] = current[p].clone();
        }
        double weight = 0;
        for (int t = 1; t <= rounds; t++) {
            double[][] values = new double[np][];
            for (int p = 0; p < np; p++) {
                values[p] = Payoffs.actionValues(g, current, p);
            }
            // Linear averaging (weight t), as in CFR+: later, better strategies count more.
            weight += t;
            for (int p = 0; p < np; p++) {
                double u = 0;
                for (int a = 0; a < values[p].length; a++) {
                    u += current[p][a] * values[p][a];
                    sum[p][a] += t * current[p][a];
                }
                double pos = 0;
                for (int a = 0; a < values[p].length; a++) {
                    regret[p][a] = Math.max(0, regret[p][a] + values[p][a] - u);
                    pos += regret[p][a];
                }
                for (int a = 0; a < values[p].length; a++) {
                    current[p][a] = pos > 0 ? regret[p][a] / pos : 1.0 / values[p].length;
                    avg[p][a] = sum[p][a] / weight;
                }
            }
            if (t % 64 == 0 && Payoffs.epsilon(g, avg) <= targetEpsilon) {
                break;
            }
        }
        return Equilibrium.of(g, avg);
    }
}
