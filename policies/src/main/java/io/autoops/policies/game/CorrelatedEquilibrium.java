package io.autoops.policies.game;


import org.ojalgo.optimisation.Expression;
import org.ojalgo.optimisation.ExpressionsBasedModel;
import org.ojalgo.optimisation.Optimisation;
import org.ojalgo.optimisation.Variable;

import java.util.ArrayList;
import java.util.List;

/**
 * A correlated equilibrium: a distribution over joint actions such that no player, told only its own
 * recommended action, gains by playing another. The welfare-maximising one is a linear program
 * (Papadimitriou and Roughgarden 2008), solved here with ojAlgo's LP solver.
 *
 * @param distribution probability of each joint profile, in the game's profile order
 * @param marginals    each player's marginal distribution over its actions
 * @param payoffs      each player's expected payoff
 * @param epsilon      the largest gain from disobeying a recommendation (0 up to LP tolerance)
 */
public record CorrelatedEquilibrium(double[] distribution, double[][] marginals, double[] payoffs, double epsilon) {

    static {
        // ojAlgo prints a hardware-profile banner to stdout when it first loads (through a logger that
        // keeps the stream it saw then); load it with stdout muted so results stay machine-readable.
        java.io.PrintStream out = System.out;
        try {
            System.setOut(new java.io.PrintStream(java.io.OutputStream.nullOutputStream()));
            java.util.Objects.requireNonNull(org.ojalgo.OjAlgoUtils.ENVIRONMENT);
        } finally {
            System.setOut(out);
        }
    }

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
        int k = g.profileCount();
        ExpressionsBasedModel model = new ExpressionsBasedModel();
        Variable[] p = new Variable[k];
        for (int i = 0; i < k; i++) {
            p[i] = model.addVariable("p" + i).lower(0).weight(welfare[i]);
        }
        Expression sum = model.addExpression("sum").level(1);
        for (int i = 0; i < k; i++) {
            sum.set(p[i], 1);
        }
        int n = 0;
        for (int pl = 0; pl < g.playerCount(); pl++) {
            for (int a = 0; a < g.actions(pl); a++) {
                for (int dev = 0; dev < g.actions(pl); dev++) {
                    if (dev != a) {
                        double[] coef = incentive(scaled, pl, a, dev);
                        // A tiny, distinct slack per constraint breaks the LP's heavy degeneracy (which
                        // makes simplex stall); the result may leave a player up to 1e-9 (of its payoff range) to gain.
                        Expression e = model.addExpression("obey" + n).upper(1e-9 * (1 + (n++ * 0.618034) % 1));
                        for (int i = 0; i < k; i++) {
                            if (coef[i] != 0) {
                                e.set(p[i], coef[i]);
                            }
                        }
                    }
                }
            }
        }
        Optimisation.Result sol = model.maximise();
        if (!sol.getState().isOptimal()) {
            throw new IllegalStateException("the correlated-equilibrium LP of '" + g.title() + "' ended " + sol.getState());
        }
        double[] dist = new double[k];
        for (int i = 0; i < k; i++) {
            dist[i] = sol.doubleValue(i);
        }
        double total = 0;
        for (int i = 0; i < k; i++) {
            dist[i] = Math.max(0, dist[i]);
            total += dist[i];
        }
        for (int i = 0; i < k; i++) {
            dist[i] /= total;
        }
        return of(g, dist);
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
