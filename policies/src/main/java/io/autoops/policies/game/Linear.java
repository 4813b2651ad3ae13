package io.autoops.policies.game;

/** Dense Gaussian elimination with partial pivoting, for the small systems the solvers set up. */
final class Linear {

    static final double SINGULAR = 1e-10;

    private Linear() {
    }

    /** Solves a x = b for square {@code a}; null when {@code a} is singular. The inputs are not changed. */
    static double[] solve(double[][] a, double[] b) {
        int n = b.length;
        double[][] m = new double[n][n + 1];
        for (int i = 0; i < n; i++) {
            System.arraycopy(a[i], 0, m[i], 0, n);
            m[i][n] = b[i];
        }
        for (int c = 0; c < n; c++) {
            int piv = c;
            for (int r = c + 1; r < n; r++) {
                if (Math.abs(m[r][c]) > Math.abs(m[piv][c])) {
                    piv = r;
                }
            }
            if (Math.abs(m[piv][c]) < SINGULAR) {
                return null;
            }
            double[] t = m[c];
            m[c] = m[piv];
            m[piv] = t;
            for (int r = c + 1; r < n; r++) {
                double f = m[r][c] / m[c][c];
                if (f != 0) {
                    for (int k = c; k <= n; k++) {
                        m[r][k] -= f * m[c][k];
                    }
                }
            }
        }
        double[] x = new double[n];
        for (int r = n - 1; r >= 0; r--) {
            double v = m[r][n];
            for (int k = r + 1; k < n; k++) {
                v -= m[r][k] * x[k];
            }
            x[r] = v / m[r][r];
        }
        return x;
    }

    /** The k-subsets of {0..n-1} in lexicographic order, passed one by one (the array is reused). */
    static void subsets(int n, int k, java.util.function.Consumer<int[]> each) {
        if (k > n || k < 0) {
            return;
        }
        int[] idx = new int[k];
        for (int i = 0; i < k; i++) {
            idx[i] = i;
        }
        while (true) {
            each.accept(idx);
            int i = k - 1;
            while (i >= 0 && idx[i] == n - k + i) {
                i--;
            }
            if (i < 0) {
                return;
            }
            idx[i]++;
            for (int j = i + 1; j < k; j++) {
                idx[j] = idx[j - 1] + 1;
            }
        }
    }

    /** Binomial coefficient, saturating at Long.MAX_VALUE. */
    static long choose(int n, int k) {
        long r = 1;
        for (int i = 1; i <= k; i++) {
            r = r * (n - k + i) / i;
            if (r < 0) {
                return Long.MAX_VALUE;
            }
        }
        return r;
    }
}
