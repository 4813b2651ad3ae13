package io.autoops.core.analysis;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class CalibrationTest {

    /** A detector that returns the value it is given as its score. */
    static final class Echo implements AnomalyDetector {
        @Override
        public double score(long t, double value) {
            return value;
        }

        @Override
        public String name() {
            return "echo";
        }
    }

    @Test
    void aScoreBecomesItsRankAmongTheWindowsPastScores_andOldScoresLeaveTheWindow() {
        Calibrated c = new Calibrated(new Echo(), "cal", 4);
        assertThat(c.score(0, 0.5)).as("nothing to rank against yet").isZero();
        c.score(1, 0.2);
        c.score(2, 0.4);
        c.score(3, 0.6);
        assertThat(c.score(4, 0.9)).as("above all four").isEqualTo(1.0);
        assertThat(c.score(5, 0.45)).as("above 0.2 and 0.4 of 0.2, 0.4, 0.6, 0.9").isEqualTo(0.5);
        // the window now holds 0.4, 0.6, 0.9, 0.45: 0.2 has left
        assertThat(c.score(6, 0.3)).isZero();
        assertThat(c.score(7, 0.0)).as("a zero raw score stays zero").isZero();
    }

    @Test
    void aHighScoreQuietensTheNextOnes_thenScoresPassThroughAgain() {
        Refractory r = new Refractory(new Echo(), "quiet", 0.9, 2);
        assertThat(r.score(0, 0.95)).isEqualTo(0.95);
        assertThat(r.score(1, 0.96)).isEqualTo(0.48);
        assertThat(r.score(2, 0.8)).isEqualTo(0.4);
        assertThat(r.score(3, 0.8)).isEqualTo(0.8);
        assertThat(r.score(4, 0.99)).isEqualTo(0.99);
    }
}
