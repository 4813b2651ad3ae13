package io.autoops.policies.game;

import java.util.ArrayList;
import java.util.List;

/**
 * Every Nash equilibrium of a two-player game by support enumeration: for each pair of equal-sized
 * supports, the strategies that make the opponent indifferent across its support, kept when they are
 * probabilities and no action outside the support does better. Exact for nondegenerate games (where
 * equilibria have supports of equal size and are isolated). A degenerate game — a mixed strategy with
 * more pure best responses than its support size — can have equilibria this misses and continua of
 * them; it is detected and handed to {@link VertexEnumeration}, which returns the extreme equilibria.
 */
public final class SupportEnumeration {

    static final double TOL = 1e-9;
    /** Beyond this many support pairs enumeration takes minutes; Lemke-Howson finds one equilibrium. */
    static final long MAX_PAIRS = 20_000_000L;

    private SupportEnumeration() {
    }

    /** The equilibria and whether the game turned out degenerate. */
    public record Result(List<Equilibrium> equilibria, boolean degenerate) {
    }

    public static Result solve(NormalFormGame g) {
        requireTwoPlayers(g);
        double[][] a = g.matrix(0);
        double[][] b = g.matrix(1);
        int m = a.length;
        int n = a[0].length;
        long pairs = 0;
        for (int k = 1; k <= Math.min(m, n); k++) {
            pairs += Math.min(MAX_PAIRS, Linear.choose(m, k)) * Math.min(MAX_PAIRS, Linear.choose(n, k));
            if (pairs > MAX_PAIRS || pairs < 0) {
                throw new IllegalArgumentException("a " + m + "x" + n + " game has too many support pairs to enumerate "
                        + "(more than " + MAX_PAIRS + "); use lemke-howson for one equilibrium, or fictitious/regret");
            }
        }
        List<Equilibrium> out = new ArrayList<>();
        boolean[] degenerate = {false};
        double[][] bt = transpose(b);
        for (int k = 1; k <= Math.min(m, n); k++) {
            int size = k;
            Linear.subsets(m, size, rows -> {
                int[] rowSupport = rows.clone();
                Linear.subsets(n, size, cols -> {
                    if (degenerate[0]) {
                        return;
                    }
                    // y on the columns makes the row player indifferent over its support, and vice versa.
                    double[] y = indifference(a, rowSupport, cols);
                    double[] x = indifference(bt, cols, rowSupport);
                    if (x == null || y == null) {
                        if (size > 1) {
                            degenerate[0] = true; // a singular system: indifference holds on a line or not at all
                        }
                        return;
                    }
                    double[] xs = spread(x, rowSupport, m);
                    double[] ys = spread(y, cols, n);
                    if (xs == null || ys == null) {
                        return;
                    }
                    if (!bestOnSupport(a, ys, rowSupport) || !bestOnSupport(bt, xs, cols)) {
                        return;
                    }
                    Equilibrium e = Equilibrium.of(g, new double[][] {xs, ys});
                    if (bestResponses(a, ys) > size || bestResponses(bt, xs) > size) {
                        degenerate[0] = true;
                    }
                    out.add(e);
                });
            });
            if (degenerate[0]) {
                break;
            }
        }
        if (degenerate[0]) {
            return new Result(VertexEnumeration.solve(g), true);
        }
        return new Result(out, false);
    }

    static void requireTwoPlayers(NormalFormGame g) {
        if (g.playerCount() != 2) {
            throw new IllegalArgumentException("this method needs a two-player game; '" + g.title() + "' has "
                    + g.playerCount() + " players (use enum, fictitious or regret)");
        }
    }

    /**
     * Probabilities q over {@code cols} (summing to 1) such that every row in {@code rows} of {@code pay}
     * earns the same against q; null when the system is singular.
     */
    private static double[] indifference(double[][] pay, int[] rows, int[] cols) {
        int k = cols.length;
        double[][] sys = new double[k + 1][k + 1];
        double[] rhs = new double[k + 1];
        for (int r = 0; r < k; r++) {
            for (int c = 0; c < k; c++) {
                sys[r][c] = pay[rows[r]][cols[c]];
            }
            sys[r][k] = -1; // minus the common value v
        }
        for (int c = 0; c < k; c++) {
            sys[k][c] = 1;
        }
        rhs[k] = 1;
        double[] sol = Linear.solve(sys, rhs);
        return sol == null ? null : java.util.Arrays.copyOf(sol, k);
    }

    private static double[] spread(double[] q, int[] support, int size) {
        double[] out = new double[size];
        for (int i = 0; i < q.length; i++) {
            if (q[i] < -TOL) {
                return null;
            }
            out[support[i]] = Math.max(0, q[i]);
        }
        return out;
    }

    private static boolean bestOnSupport(double[][] pay, double[] q, int[] support) {
        double[] v = values(pay, q);
        double onSupport = v[support[0]];
        for (double x : v) {
            if (x > onSupport + TOL) {
                return false;
            }
        }
        return true;
    }

    private static int bestResponses(double[][] pay, double[] q) {
        double[] v = values(pay, q);
        double best = Double.NEGATIVE_INFINITY;
        for (double x : v) {
            best = Math.max(best, x);
        }
        int count = 0;
        for (double x : v) {
            if (x >= best - TOL) {
                count++;
            }
        }
        return count;
    }

    static double[] values(double[][] pay, double[] q) {
        double[] v = new double[pay.length];
        for (int i = 0; i < pay.length; i++) {
            for (int j = 0; j < q.length; j++) {
                v[i] += pay[i][j] * q[j];
            }
        }
        return v;
    }

    static double[][] transpose(double[][] a) {
        double[][] t = new double[a[0].length][a.length];
        for (int i = 0; i < a.length; i++) {
            for (int j = 0; j < a[0].length; j++) {
                t[j][i] = a[i][j];
            }
        }
        return t;
    }
}
