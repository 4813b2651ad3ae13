package io.autoops.policies.game;

/**
 * One Nash equilibrium of a two-player game by the Lemke-Howson algorithm: complementary pivoting on
 * the two best-response polytopes from the artificial equilibrium, dropping one label. Labels
 * 0..m-1 are the row player's actions, m..m+n-1 the column player's. The lexicographic minimum-ratio
 * rule keeps it finite on degenerate games. Polynomial per pivot, fast in practice even on 20 x 20.
 */
public final class LemkeHowson {

    private static final double TOL = 1e-12;

    private LemkeHowson() {
    }

    /** The equilibrium reached by dropping label {@code initialLabel} (0 is the usual choice). */
    public static Equilibrium solve(NormalFormGame g, int initialLabel) {
        SupportEnumeration.requireTwoPlayers(g);
        double[][] a = g.matrix(0);
        double[][] b = g.matrix(1);
        int m = a.length;
        int n = a[0].length;
        if (initialLabel < 0 || initialLabel >= m + n) {
            throw new IllegalArgumentException("initial label must be in 0.." + (m + n - 1) + ", got " + initialLabel);
        }
        double shiftA = 1 - min(a);
        double shiftB = 1 - min(b);
        // Columns are variable ids 0..m+n-1, then the right-hand side. Ids: x_i = i, y_j = m+j; the
        // slack of the row player's constraint i has id i, that of the column player's constraint j id m+j.
        // rowTab (constraints A y + r = 1), basis: the slacks r_i (ids 0..m-1).
        double[][] rowTab = new double[m][m + n + 1];
        int[] rowBasis = new int[m];
        for (int i = 0; i < m; i++) {
            rowTab[i][i] = 1;
            for (int j = 0; j < n; j++) {
                rowTab[i][m + j] = a[i][j] + shiftA;
            }
            rowTab[i][m + n] = 1;
            rowBasis[i] = i;
        }
        // colTab (constraints B'x + s = 1), basis: the slacks s_j (ids m..m+n-1).
        double[][] colTab = new double[n][m + n + 1];
        int[] colBasis = new int[n];
        for (int j = 0; j < n; j++) {
            for (int i = 0; i < m; i++) {
                colTab[j][i] = b[i][j] + shiftB;
            }
            colTab[j][m + j] = 1;
            colTab[j][m + n] = 1;
            colBasis[j] = m + j;
        }
        int entering = initialLabel;
        // x_k enters the column player's tableau, y_k the row player's.
        boolean inCol = initialLabel < m;
        int maxPivots = 10_000 + 50 * (m + n) * (m + n);
        for (int pivot = 0; pivot < maxPivots; pivot++) {
            int leaving = inCol ? pivot(colTab, colBasis, entering, m, m + n)
                    : pivot(rowTab, rowBasis, entering, 0, m);
            if (leaving == initialLabel) {
                double[] x = new double[m];
                double[] y = new double[n];
                for (int r = 0; r < n; r++) {
                    if (colBasis[r] < m) {
                        x[colBasis[r]] = colTab[r][m + n];
                    }
                }
                for (int r = 0; r < m; r++) {
                    if (rowBasis[r] >= m) {
                        y[rowBasis[r] - m] = rowTab[r][m + n];
                    }
                }
                return Equilibrium.of(g, new double[][] {VertexEnumeration.normalise(x), VertexEnumeration.normalise(y)});
            }
            entering = leaving; // its complement (same id, other tableau) enters next
            inCol = !inCol;
        }
        throw new IllegalStateException("Lemke-Howson did not terminate within " + maxPivots + " pivots on '" + g.title() + "'");
    }

    /**
     * Brings column {@code enter} into the basis by the lexicographic minimum-ratio test (ties broken on
     * the initial slack columns [slackFrom, slackTo)) and returns the id that left.
     */
    private static int pivot(double[][] tab, int[] basis, int enter, int slackFrom, int slackTo) {
        int rhs = tab[0].length - 1;
        int best = -1;
        for (int r = 0; r < tab.length; r++) {
            if (tab[r][enter] <= TOL) {
                continue;
            }
            if (best < 0 || lexLess(tab, r, best, enter, rhs, slackFrom, slackTo)) {
                best = r;
            }
        }
        if (best < 0) {
            throw new IllegalStateException("unbounded pivot column " + enter + " (payoffs must be finite)");
        }
        double p = tab[best][enter];
        for (int c = 0; c <= rhs; c++) {
            tab[best][c] /= p;
        }
        for (int r = 0; r < tab.length; r++) {
            if (r != best && tab[r][enter] != 0) {
                double f = tab[r][enter];
                for (int c = 0; c <= rhs; c++) {
                    tab[r][c] -= f * tab[best][c];
                }
            }
        }
        int left = basis[best];
        basis[best] = enter;
        return left;
    }

    private static boolean lexLess(double[][] tab, int r1, int r2, int enter, int rhs, int slackFrom, int slackTo) {
        double d1 = tab[r1][rhs] / tab[r1][enter];
        double d2 = tab[r2][rhs] / tab[r2][enter];
        if (Math.abs(d1 - d2) > 1e-11 * Math.max(1, Math.abs(d2))) {
            return d1 < d2;
        }
        for (int c = slackFrom; c < slackTo; c++) {
            double e1 = tab[r1][c] / tab[r1][enter];
            double e2 = tab[r2][c] / tab[r2][enter];
            if (Math.abs(e1 - e2) > 1e-11) {
                return e1 < e2;
            }
        }
        return false;
    }

    private static double min(double[][] pay) {
        double min = Double.POSITIVE_INFINITY;
        for (double[] row : pay) {
            for (double v : row) {
                min = Math.min(min, v);
            }
        }
        return min;
    }
}
