package io.autoops.policies.game;

import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/** Equilibrium selection: which of several equilibria a joint policy should play. */
public final class Selection {

    private Selection() {
    }

    /** The equilibrium with the highest social welfare (the first on ties). */
    public static Equilibrium byWelfare(List<Equilibrium> equilibria) {
        if (equilibria.isEmpty()) {
            throw new IllegalArgumentException("no equilibrium to select from");
        }
        return equilibria.stream().max(Comparator.comparingDouble(Equilibrium::welfare)).orElseThrow();
    }

    /**
     * Harsanyi-Selten risk dominance between two strict pure equilibria of a two-player game: e1
     * risk-dominates e2 when the product of the players' losses from deviating from e1 (against e1)
     * exceeds that for e2. Returns a positive number when e1 dominates, negative when e2 does, 0 on a tie.
     */
    public static double riskDominance(NormalFormGame g, int[] e1, int[] e2) {
        SupportEnumeration.requireTwoPlayers(g);
        double loss1 = (g.payoff(e1, 0) - g.payoff(new int[] {e2[0], e1[1]}, 0))
                * (g.payoff(e1, 1) - g.payoff(new int[] {e1[0], e2[1]}, 1));
        double loss2 = (g.payoff(e2, 0) - g.payoff(new int[] {e1[0], e2[1]}, 0))
                * (g.payoff(e2, 1) - g.payoff(new int[] {e2[0], e1[1]}, 1));
        return loss1 - loss2;
    }

    /** The pure equilibrium that risk-dominates every other one, if there is one. */
    public static Optional<int[]> riskDominant(NormalFormGame g, List<int[]> pureEquilibria) {
        for (int[] e : pureEquilibria) {
            boolean dominates = pureEquilibria.stream().allMatch(o -> o == e || riskDominance(g, e, o) > 0);
            if (dominates) {
                return Optional.of(e);
            }
        }
        return Optional.empty();
    }
}
