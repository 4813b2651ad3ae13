package io.autoops.env.sim;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class QueueingTest {

    @Test
    void erlangC_singleServer_isUtilisation() {
        // M/M/1: an arrival waits with probability rho.
        assertThat(Queueing.erlangC(1, 0.7, 1.0)).isCloseTo(0.7, within(1e-12));
    }

    @Test
    void erlangC_twoServers_matchesHandComputedValue() {
        // a = 1, c = 2: B = (1/2) / (1 + 1 + 1/2) = 0.2; C = 0.2 / (1 - 0.5 * 0.8) = 1/3.
        assertThat(Queueing.erlangC(2, 1.0, 1.0)).isCloseTo(1.0 / 3, within(1e-12));
        assertThat(Queueing.meanWait(2, 1.0, 1.0)).isCloseTo(1.0 / 3, within(1e-12));
    }

    @Test
    void erlangC_tenServers_matchesTableValue() {
        // Published Erlang C table: c = 10, a = 8 Erlang -> P(wait) = 0.4092.
        assertThat(Queueing.erlangC(10, 8.0, 1.0)).isCloseTo(0.4092, within(1e-4));
    }

    @Test
    void meanWait_mm1_isRhoOverMuMinusLambda() {
        // M/M/1 mean waiting time: rho / (mu - lambda) = 0.5 / 0.5 = 1.
        assertThat(Queueing.meanWait(1, 0.5, 1.0)).isCloseTo(1.0, within(1e-12));
        assertThat(Queueing.meanWait(1, 1.0, 1.0)).isInfinite();
    }

    @Test
    void waitQuantile_mm1_matchesClosedForm() {
        // P(W > t) = rho e^{-(mu - lambda) t}; the 99th percentile: ln(rho / 0.01) / (mu - lambda).
        double c = Queueing.erlangC(1, 0.5, 1.0);
        assertThat(Queueing.waitQuantile(c, 1, 0.5, 1.0, 0.99)).isCloseTo(Math.log(50) / 0.5, within(1e-12));
        assertThat(Queueing.waitQuantile(c, 1, 0.5, 1.0, 0.4)).isZero(); // 50 % do not wait at all
        assertThat(Queueing.waitExceeds(c, 1, 0.5, 1.0, 2.0)).isCloseTo(0.5 * Math.exp(-1), within(1e-12));
    }

    @Test
    void tail_explodesNearSaturation() {
        double mu = 100;
        double calm = Queueing.waitQuantile(Queueing.erlangC(4, 200, mu), 4, 200, mu, 0.99);
        double busy = Queueing.waitQuantile(Queueing.erlangC(4, 396, mu), 4, 396, mu, 0.99);
        assertThat(busy).isGreaterThan(50 * calm); // rho 0.5 -> 0.99: the p99 wait grows 80-fold
    }
}
