package io.autoops.policies.game;

import java.util.ArrayList;
import java.util.List;

/**
 * Pure-strategy analysis of a normal-form game by enumeration: every profile in which no player can
 * gain by deviating alone, and the profile that maximises social welfare. O(profiles x sum of actions).
 */
public final class PureNash {

    private PureNash() {
    }

    /** All pure Nash equilibria, in profile order. */
    public static List<int[]> equilibria(NormalFormGame g) {
        List<int[]> out = new ArrayList<>();
        for (int i = 0; i < g.profileCount(); i++) {
            int[] prof = g.profile(i);
            if (isEquilibrium(g, prof)) {
                out.add(prof);
            }
        }
        return out;
    }

    public static boolean isEquilibrium(NormalFormGame g, int[] prof) {
        for (int p = 0; p < g.playerCount(); p++) {
            double current = g.payoff(prof, p);
            int own = prof[p];
            for (int a = 0; a < g.actions(p); a++) {
                if (a == own) {
                    continue;
                }
                prof[p] = a;
                boolean better = g.payoff(prof, p) > current + 1e-12;
                prof[p] = own;
                if (better) {
                    return false;
                }
            }
        }
        return true;
    }

    /** The profile with the highest social welfare (the first one in profile order on ties). */
    public static int[] welfareOptimum(NormalFormGame g) {
        int best = 0;
        for (int i = 1; i < g.profileCount(); i++) {
            if (g.welfare(g.profile(i)) > g.welfare(g.profile(best)) + 1e-12) {
                best = i;
            }
        }
        return g.profile(best);
    }
}
