package io.autoops.policies.game;

import java.util.ArrayList;
import java.util.List;

/**
 * The extreme Nash equilibria of a two-player game, degenerate or not, by enumerating the vertices of
 * the best-response polytopes (von Stengel 2002): P = {x >= 0 : B'x <= 1}, Q = {y >= 0 : Ay <= 1} with
 * payoffs shifted positive; a pair of vertices whose binding constraints cover every label is an
 * equilibrium after normalising. Every equilibrium of the game is a convex combination of extreme
 * ones within a component, so this is the complete answer to "all equilibria" for degenerate games.
 * Brute force over the C(m+n, m) candidate bases: meant for games up to about 10 x 10.
 */
public final class VertexEnumeration {

    private static final double TOL = 1e-9;

    private VertexEnumeration() {
    }

    private record Vertex(double[] point, long labels) {
    }

    public static List<Equilibrium> solve(NormalFormGame g) {
        SupportEnumeration.requireTwoPlayers(g);
        double[][] a = shifted(g.matrix(0));
        double[][] b = shifted(g.matrix(1));
        int m = a.length;
        int n = a[0].length;
        if (m + n > 62 || Linear.choose(m + n, m) > SupportEnumeration.MAX_PAIRS) {
            throw new IllegalArgumentException("a " + m + "x" + n + " game is too large for vertex enumeration; "
                    + "use lemke-howson for one equilibrium");
        }
        // P: x in R^m; labels 0..m-1 for x_i = 0, m+j for (B'x)_j = 1.
        double[][] pRows = new double[m + n][];
        for (int i = 0; i < m; i++) {
            pRows[i] = unit(m, i);
        }
        for (int j = 0; j < n; j++) {
            double[] row = new double[m];
            for (int i = 0; i < m; i++) {
                row[i] = b[i][j];
            }
            pRows[m + j] = row;
        }
        // Q: y in R^n; labels 0..m-1 for (Ay)_i = 1, m+j for y_j = 0.
        double[][] qRows = new double[m + n][];
        for (int i = 0; i < m; i++) {
            qRows[i] = a[i].clone();
        }
        for (int j = 0; j < n; j++) {
            qRows[m + j] = unit(n, j);
        }
        List<Vertex> p = vertices(pRows, m, 0, m);
        List<Vertex> q = vertices(qRows, n, m, m + n);
        long all = (1L << (m + n)) - 1;
        List<Equilibrium> out = new ArrayList<>();
        for (Vertex vx : p) {
            for (Vertex vy : q) {
                if ((vx.labels() | vy.labels()) == all) {
                    Equilibrium e = Equilibrium.of(g, new double[][] {normalise(vx.point()), normalise(vy.point())});
                    if (out.stream().noneMatch(o -> o.sameAs(e, 1e-7))) {
                        out.add(e);
                    }
                }
            }
        }
        return out;
    }

    /**
     * Nonzero vertices of {z : rows[k] z <= 1 for the "<= 1" rows, z_i >= 0 for the unit rows}; the
     * nonnegativity rows are those with index in [zeroFrom, zeroTo).
     */
    private static List<Vertex> vertices(double[][] rows, int dim, int zeroFrom, int zeroTo) {
        List<Vertex> out = new ArrayList<>();
        int total = rows.length;
        Linear.subsets(total, dim, basis -> {
            double[][] sys = new double[dim][];
            double[] rhs = new double[dim];
            for (int k = 0; k < dim; k++) {
                sys[k] = rows[basis[k]];
                rhs[k] = basis[k] >= zeroFrom && basis[k] < zeroTo ? 0 : 1;
            }
            double[] z = Linear.solve(sys, rhs);
            if (z == null) {
                return;
            }
            double sum = 0;
            for (double v : z) {
                if (v < -TOL) {
                    return;
                }
                sum += v;
            }
            if (sum < TOL) {
                return;
            }
            long labels = 0;
            for (int r = 0; r < total; r++) {
                double lhs = dot(rows[r], z);
                boolean nonneg = r >= zeroFrom && r < zeroTo;
                if (!nonneg && lhs > 1 + TOL) {
                    return;
                }
                if (nonneg ? Math.abs(lhs) <= TOL : Math.abs(lhs - 1) <= TOL) {
                    labels |= 1L << r;
                }
            }
            for (Vertex v : out) {
                if (v.labels() == labels) {
                    return; // the same vertex from another basis (degenerate)
                }
            }
            out.add(new Vertex(z, labels));
        });
        return out;
    }

    private static double[][] shifted(double[][] pay) {
        double min = Double.POSITIVE_INFINITY;
        for (double[] row : pay) {
            for (double v : row) {
                min = Math.min(min, v);
            }
        }
        double[][] out = new double[pay.length][];
        for (int i = 0; i < pay.length; i++) {
            out[i] = new double[pay[i].length];
            for (int j = 0; j < pay[i].length; j++) {
                out[i][j] = pay[i][j] - min + 1;
            }
        }
        return out;
    }

    private static double[] unit(int n, int i) {
        double[] u = new double[n];
        u[i] = 1;
        return u;
    }

    private static double dot(double[] a, double[] b) {
        double s = 0;
        for (int i = 0; i < a.length; i++) {
            s += a[i] * b[i];
        }
        return s;
    }

    static double[] normalise(double[] z) {
        double sum = 0;
        for (double v : z) {
            sum += v;
        }
        double[] out = new double[z.length];
        for (int i = 0; i < z.length; i++) {
            out[i] = Math.max(0, z[i]) / sum;
        }
        return out;
    }
}
