package io.autoops.policies.game;


import org.apache.commons.math3.exception.MathIllegalStateException;
import org.apache.commons.math3.optim.MaxIter;
import org.apache.commons.math3.optim.PointValuePair;
import org.apache.commons.math3.optim.linear.LinearConstraint;
import org.apache.commons.math3.optim.linear.LinearConstraintSet;
import org.apache.commons.math3.optim.linear.LinearObjectiveFunction;
import org.apache.commons.math3.optim.linear.NonNegativeConstraint;
import org.apache.commons.math3.optim.linear.Relationship;
import org.apache.commons.math3.optim.linear.SimplexSolver;
import org.apache.commons.math3.optim.nonlinear.scalar.GoalType;

import java.util.ArrayList;
import java.util.List;

/**
 * A correlated equilibrium: a distribution over joint actions such that no player, told only its own
 * recommended action, gains by playing another. The welfare-maximising one is a linear program
 * (Papadimitriou and Roughgarden 2008), solved here with Commons Math's simplex. Its incentive
 * constraints all hold with equality at the origin, a degeneracy on which simplex cycles (ojAlgo and
 * Commons Math both stalled on random 10 x 10 games); giving each constraint a small, seeded random
 * slack ({@link #SLACK}) breaks it: random 10 x 10 games then solve in ~0.1 s and 20 x 20 in ~1 s,
 * at the price of letting a player gain up to {@code 2 * SLACK} of its payoff range by disobeying
 * (reported as {@link #epsilon}). The exact LP is tried first with a small iteration budget, so games
 * on which simplex does not cycle (the stage games, textbook games) get the exact answer.
 *
 * @param distribution probability of each joint profile, in the game's profile order
 * @param marginals    each player's marginal distribution over its actions
 * @param payoffs      each player's expected payoff
 * @param epsilon      the largest gain from disobeying a recommendation (0 up to LP tolerance)
 */
public record CorrelatedEquilibrium(double[] distribution, double[][] marginals, double[] payoffs, double epsilon) {

    /** Slack of each incentive constraint, in units of the player's payoff range (see {@link #maximising}). */
    static final double SLACK = 1e-6;

    public double welfare() {
        double w = 0;
        for (double u : payoffs) {
            w += u;
        }
        return w;
    }

    /** The correlated equilibrium with the highest social welfare (the sum of the players' payoffs). */
    public static CorrelatedEquilibrium maxWelfare(NormalFormGame g) {
        double[] welfare = new double[g.profileCount()];
        for (int i = 0; i < welfare.length; i++) {
            welfare[i] = g.welfare(g.profile(i));
        }
        return maximising(g, welfare);
    }

    /**
     * The correlated equilibrium that maximises {@code objective} (one value per profile), e.g. a welfare
     * that also counts agents outside the game.
     */
    public static CorrelatedEquilibrium maximising(NormalFormGame g, double[] objective) {
        // The incentive constraints do not change under a positive affine rescaling of one player's
        // payoffs, nor the optimum under one of the objective: scale both to [0, 1] for the LP solver.
        NormalFormGame scaled = rescaled(g);
        double[] welfare = unit(objective);
        // Exact first, with an iteration budget a non-degenerate problem stays well within, and kept only
        // if it really is an equilibrium (on degenerate programs simplex can also stop at a wrong vertex);
        // otherwise again with the seeded slack, which it solves.
        try {
            double[] exact = distribution(solve(scaled, welfare, 0, 2 * (g.profileCount() + constraintCount(g))));
            if (of(scaled, exact).epsilon() <= 1e-9) {
                return of(g, exact);
            }
        } catch (MathIllegalStateException cycled) {
            // fall through to the slackened program
        }
        try {
            return of(g, distribution(solve(scaled, welfare, SLACK, 1_000_000)));
        } catch (MathIllegalStateException e) {
            throw new IllegalStateException("the correlated-equilibrium LP of '" + g.title() + "' failed: " + e.getMessage(), e);
        }
    }

    /** The LP's point as a probability distribution (tiny negative round-off clipped, renormalised). */
    private static double[] distribution(PointValuePair sol) {
        double[] dist = sol.getPoint().clone();
        double total = 0;
        for (int i = 0; i < dist.length; i++) {
            dist[i] = Math.max(0, dist[i]);
            total += dist[i];
        }
        for (int i = 0; i < dist.length; i++) {
            dist[i] /= total;
        }
        return dist;
    }

    private static int constraintCount(NormalFormGame g) {
        int m = 1;
        for (int p = 0; p < g.playerCount(); p++) {
            m += g.actions(p) * (g.actions(p) - 1);
        }
        return m;
    }

    /** The CE LP with every incentive constraint given {@code slack} times (1 + a seeded uniform) of room. */
    private static PointValuePair solve(NormalFormGame scaled, double[] objective, double slack, int maxIterations) {
        int k = scaled.profileCount();
        java.util.SplittableRandom room = new java.util.SplittableRandom(0x5EED);
        List<LinearConstraint> constraints = new ArrayList<>();
        for (int pl = 0; pl < scaled.playerCount(); pl++) {
            for (int a = 0; a < scaled.actions(pl); a++) {
                for (int dev = 0; dev < scaled.actions(pl); dev++) {
                    if (dev != a) {
                        constraints.add(new LinearConstraint(incentive(scaled, pl, a, dev), Relationship.LEQ,
                                slack * (1 + room.nextDouble())));
                    }
                }
            }
        }
        double[] ones = new double[k];
        java.util.Arrays.fill(ones, 1);
        constraints.add(new LinearConstraint(ones, Relationship.EQ, 1));
        return new SimplexSolver(1e-9, 10, 1e-12).optimize(new MaxIter(maxIterations),
                new LinearObjectiveFunction(objective, 0), new LinearConstraintSet(constraints), GoalType.MAXIMIZE,
                new NonNegativeConstraint(true));
    }

    private static NormalFormGame rescaled(NormalFormGame g) {
        double[][] pay = new double[g.profileCount()][g.playerCount()];
        for (int p = 0; p < g.playerCount(); p++) {
            double[] col = new double[g.profileCount()];
            for (int i = 0; i < col.length; i++) {
                col[i] = g.payoff(i, p);
            }
            col = unit(col);
            for (int i = 0; i < col.length; i++) {
                pay[i][p] = col[i];
            }
        }
        List<java.util.List<String>> names = new ArrayList<>();
        for (int p = 0; p < g.playerCount(); p++) {
            names.add(g.actionNames(p));
        }
        return new NormalFormGame(g.title(), g.players(), names, pay);
    }

    private static double[] unit(double[] v) {
        double lo = Double.POSITIVE_INFINITY;
        double hi = Double.NEGATIVE_INFINITY;
        for (double x : v) {
            lo = Math.min(lo, x);
            hi = Math.max(hi, x);
        }
        double span = hi - lo;
        double[] out = new double[v.length];
        for (int i = 0; i < v.length; i++) {
            out[i] = span > 0 ? (v[i] - lo) / span : 0;
        }
        return out;
    }

    /** Evaluates a joint distribution: marginals, payoffs and the largest incentive to disobey. */
    public static CorrelatedEquilibrium of(NormalFormGame g, double[] dist) {
        int np = g.playerCount();
        double[][] marg = new double[np][];
        double[] pay = new double[np];
        for (int p = 0; p < np; p++) {
            marg[p] = new double[g.actions(p)];
        }
        int[] prof = new int[np];
        for (int i = 0; i < dist.length; i++) {
            for (int p = 0; p < np; p++) {
                marg[p][prof[p]] += dist[i];
                pay[p] += dist[i] * g.payoff(i, p);
            }
            Payoffs.next(g, prof);
        }
        double eps = 0;
        for (int p = 0; p < np; p++) {
            for (int a = 0; a < g.actions(p); a++) {
                for (int dev = 0; dev < g.actions(p); dev++) {
                    if (dev != a) {
                        double[] coef = incentive(g, p, a, dev);
                        double gain = 0;
                        for (int i = 0; i < dist.length; i++) {
                            gain += coef[i] * dist[i];
                        }
                        eps = Math.max(eps, gain);
                    }
                }
            }
        }
        return new CorrelatedEquilibrium(dist, marg, pay, eps);
    }

    /** Coefficients of player p's gain from playing {@code dev} whenever told {@code a}. */
    private static double[] incentive(NormalFormGame g, int p, int a, int dev) {
        double[] coef = new double[g.profileCount()];
        int[] prof = new int[g.playerCount()];
        for (int i = 0; i < coef.length; i++) {
            if (prof[p] == a) {
                int j = i + (dev - a) * g.stride(p);
                coef[i] = g.payoff(j, p) - g.payoff(i, p);
            }
            Payoffs.next(g, prof);
        }
        return coef;
    }
}
