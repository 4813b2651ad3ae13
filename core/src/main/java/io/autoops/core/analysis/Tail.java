package io.autoops.core.analysis;

/** Turning a deviation in standard units into an anomaly score, as NAB's windowed Gaussian does. */
final class Tail {

    private Tail() {
    }

    /** 1 - Q(|z|): 0.5 at the mean, approaching 1 far from it (Q is the standard normal upper tail). */
    static double score(double z) {
        if (Double.isNaN(z)) {
            return 0.5;
        }
        return 1 - 0.5 * erfc(Math.abs(z) / Math.sqrt(2));
    }

    /**
     * {@code z^2 / (z^2 + 9)}: 0.5 at three standard units, monotone, and (unlike {@code 1 - Q}) far
     * from saturating in double precision, so extreme deviations still rank above large ones.
     */
    static double ranked(double z) {
        if (Double.isNaN(z)) {
            return 0;
        }
        double z2 = z * z;
        return Double.isInfinite(z2) ? 1 : z2 / (z2 + 9);
    }

    /** Complementary error function (Numerical Recipes erfcc; fractional error below 1.2e-7). */
    static double erfc(double x) {
        double z = Math.abs(x);
        double t = 1 / (1 + 0.5 * z);
        double r = t * Math.exp(-z * z - 1.26551223 + t * (1.00002368 + t * (0.37409196 + t * (0.09678418
                + t * (-0.18628806 + t * (0.27886807 + t * (-1.13520398 + t * (1.48851587
                + t * (-0.82215223 + t * 0.17087277)))))))));
        return x >= 0 ? r : 2 - r;
    }
}
