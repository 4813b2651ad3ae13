package io.autoops.core.check;

import io.autoops.core.mdp.BoxSpace;
import io.autoops.core.mdp.DiscreteSpace;
import io.autoops.core.mdp.Environment;
import io.autoops.core.mdp.Reset;
import io.autoops.core.mdp.Step;
import io.autoops.core.mdp.SyncVectorEnvironment;
import io.autoops.core.toy.ChainEnvironment;
import org.junit.jupiter.api.Test;

import java.util.concurrent.atomic.AtomicLong;
import java.util.function.UnaryOperator;

import static org.assertj.core.api.Assertions.assertThat;

class EnvironmentCheckerTest {

    private static final EnvironmentChecker.Options OPTIONS = new EnvironmentChecker.Options(3, 60, 7L);

    /** Wraps the chain and corrupts one aspect of it. */
    private static class Broken implements Environment<Object> {
        final ChainEnvironment inner = new ChainEnvironment(6, 30, 0.01, true);
        final UnaryOperator<double[]> corruptObservation;
        final boolean ignoreMask;

        Broken(UnaryOperator<double[]> corruptObservation, boolean ignoreMask) {
            this.corruptObservation = corruptObservation;
            this.ignoreMask = ignoreMask;
        }

        public BoxSpace observationSpace() {
            return inner.observationSpace();
        }

        public DiscreteSpace actionSpace() {
            return inner.actionSpace();
        }

        public Reset<Object> reset(long seed) {
            return new Reset<>(corruptObservation.apply(inner.reset(seed).observation()), null);
        }

        public Step<Object> step(int action) {
            if (ignoreMask && action == ChainEnvironment.LEFT && !inner.actionMask()[ChainEnvironment.LEFT]) {
                action = ChainEnvironment.STAY; // silently does something else instead of refusing
            }
            Step<?> s = inner.step(action);
            return new Step<>(corruptObservation.apply(s.observation()), s.reward(), s.terminated(), s.truncated(), null);
        }

        public boolean[] actionMask() {
            return inner.actionMask();
        }
    }

    @Test
    void check_correctToy_passesEveryCheck() {
        CheckReport report = EnvironmentChecker.check("chain", () -> new ChainEnvironment(6, 30, 0.01, true), OPTIONS);
        assertThat(report.failures()).isEmpty();
        assertThat(report.passed()).hasSize(6);
        assertThat(report.notes()).isEmpty();
    }

    @Test
    void check_nondeterministicToy_failsDeterminism() {
        AtomicLong noise = new AtomicLong();
        CheckReport report = EnvironmentChecker.check("noisy", () -> new Broken(obs -> {
            obs[obs.length - 1] = (noise.incrementAndGet() % 7) / 10.0;
            return obs;
        }, false), OPTIONS);
        assertThat(report.ok()).isFalse();
        assertThat(report.failures()).anyMatch(f -> f.startsWith("same seed gives the same trajectory")
                && f.contains("nondeterministic"));
    }

    @Test
    void check_nanObservation_isCaught() {
        CheckReport report = EnvironmentChecker.check("nan", () -> new Broken(obs -> {
            obs[0] = Double.NaN;
            return obs;
        }, false), OPTIONS);
        assertThat(report.failures()).anyMatch(f -> f.startsWith("observations in space") && f.contains("is NaN"));
    }

    @Test
    void check_outOfSpaceObservation_isCaught() {
        CheckReport report = EnvironmentChecker.check("oob", () -> new Broken(obs -> {
            obs[1] = 3.0;
            return obs;
        }, false), OPTIONS);
        assertThat(report.failures()).anyMatch(f -> f.contains("'at_1' = 3.0 is outside [0.0, 1.0]"));
    }

    @Test
    void check_maskIgnored_isCaught() {
        CheckReport report = EnvironmentChecker.check("maskless", () -> new Broken(obs -> obs, true), OPTIONS);
        assertThat(report.failures()).anyMatch(f -> f.startsWith("masked and out-of-range actions are refused")
                && f.contains("masked action 0 (left) was accepted"));
    }

    @Test
    void checkVector_syncVectorOfChains_passes() {
        CheckReport report = EnvironmentChecker.checkVector("vector",
                () -> new SyncVectorEnvironment(4, () -> new ChainEnvironment(5, 12, 0.01, true)), OPTIONS);
        assertThat(report.failures()).isEmpty();
    }
}
