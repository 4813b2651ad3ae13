package io.autoops.env.sim;

/**
 * The queueing model of a service: an M/M/c queue, one server per ready instance, Poisson arrivals
 * at rate {@code lambda} and exponential service at rate {@code mu} per server (req/s).
 *
 * <p>Known results used (Kleinrock, Queueing Systems Vol. 1, sec. 3.5):
 * <ul>
 *   <li>offered load {@code a = lambda / mu}, utilisation {@code rho = a / c} (stable iff {@code rho < 1});</li>
 *   <li>Erlang B by the recursion {@code B(0) = 1, B(k) = a B(k-1) / (k + a B(k-1))};</li>
 *   <li>Erlang C, the probability an arrival waits: {@code C = B / (1 - rho (1 - B))};</li>
 *   <li>the waiting time W is 0 with probability {@code 1 - C} and otherwise exponential with rate
 *       {@code c mu - lambda}: {@code P(W > t) = C exp(-(c mu - lambda) t)}, so its mean is
 *       {@code C / (c mu - lambda)} and its q-quantile is {@code max(0, ln(C / (1 - q)) / (c mu - lambda))}.</li>
 * </ul>
 * This is where the latency tail explodes near saturation: as {@code rho -> 1}, {@code C -> 1} and
 * {@code c mu - lambda -> 0}. Static methods, allocation-free, thread-safe.
 */
public final class Queueing {

    private Queueing() {
    }

    /** Erlang C: the probability that an arrival has to wait, for {@code c >= 1} servers and {@code lambda < c mu}. */
    public static double erlangC(int c, double lambda, double mu) {
        if (c < 1) {
            throw new IllegalArgumentException("c must be >= 1, got " + c);
        }
        if (lambda <= 0) {
            return 0;
        }
        double a = lambda / mu;
        double rho = a / c;
        if (rho >= 1) {
            return 1;
        }
        double b = 1;
        for (int k = 1; k <= c; k++) {
            b = a * b / (k + a * b);
        }
        return b / (1 - rho * (1 - b));
    }

    /** Mean waiting time in the queue (seconds), or +infinity when unstable. */
    public static double meanWait(int c, double lambda, double mu) {
        if (lambda >= c * mu) {
            return Double.POSITIVE_INFINITY;
        }
        return erlangC(c, lambda, mu) / (c * mu - lambda);
    }

    /** The q-quantile of the waiting time (seconds), given Erlang C {@code pWait}; 0 when fewer than 1-q wait. */
    public static double waitQuantile(double pWait, int c, double lambda, double mu, double q) {
        double rate = c * mu - lambda;
        if (rate <= 0) {
            return Double.POSITIVE_INFINITY;
        }
        double tail = 1 - q;
        return pWait <= tail ? 0 : Math.log(pWait / tail) / rate;
    }

    /** P(W > t): the share of requests that wait longer than {@code t} seconds. */
    public static double waitExceeds(double pWait, int c, double lambda, double mu, double t) {
        double rate = c * mu - lambda;
        if (rate <= 0) {
            return 1;
        }
        return t <= 0 ? pWait : pWait * Math.exp(-rate * t);
    }
}
