package io.autoops.core.healing;

import io.autoops.core.mdp.Feature;
import io.autoops.core.mdp.ObservationSchema;
import io.autoops.core.ops.Actuator;
import io.autoops.core.ops.MetricSource;
import io.autoops.core.ops.Reading;
import io.autoops.core.ops.Remediation;
import io.autoops.core.ops.Target;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/** One service, "api", and a node: a source whose values tests set, and an actuator that records. */
final class Fixture {

    static final ObservationSchema SCHEMA = new ObservationSchema(List.of(
            Feature.of("api.error_rate", "ratio", 0, 1),
            Feature.of("api.p99_latency_ratio", "ratio", 0, 10),
            Feature.of("api.memory", "ratio", 0, 1),
            Feature.of("api.ready_replicas", "count", 0, 10),
            Feature.of("api.desired_replicas", "count", 0, 10),
            Feature.of("node.n1.cpu", "ratio", 0, 1)));

    static final Target API = Target.service("api");
    static final List<Remediation> ACTIONS = List.of(
            new Remediation.NoOp(),
            new Remediation.Restart(API, Duration.ZERO, 1),
            new Remediation.ScaleOut(API, 1, Duration.ZERO, 1),
            new Remediation.ScaleIn(API, 2, Duration.ZERO, 1),
            new Remediation.Rollback(API, Duration.ZERO, 1),
            new Remediation.DrainNode(Target.node("n1"), Duration.ZERO, 1));
    static final int RESTART = 1;
    static final int SCALE_OUT = 2;
    static final int SCALE_IN = 3;
    static final int ROLLBACK = 4;
    static final int DRAIN = 5;

    /** A source returning {@link #values}; {@link #problems} make the reading incomplete. */
    static final class Source implements MetricSource {
        final double[] values = {0.0, 0.5, 0.3, 3, 3, 0.2};
        List<String> problems = List.of();
        final io.autoops.core.ops.Clock clock;

        Source(io.autoops.core.ops.Clock clock) {
            this.clock = clock;
        }

        void healthy() {
            System.arraycopy(new double[]{0.0, 0.5, 0.3, 3, 3, 0.2}, 0, values, 0, values.length);
        }

        void failing() {
            values[0] = 0.4;
        }

        @Override
        public ObservationSchema schema() {
            return SCHEMA;
        }

        @Override
        public Reading read() {
            return new Reading(clock.millis(), values.clone(), problems);
        }
    }

    /** Records what it was asked to do; answers with {@link #answer}. */
    static final class Recorder implements Actuator {
        final List<String> done = new ArrayList<>();
        Function<Remediation, Actuation.Outcome> answer = r -> Actuation.Outcome.DONE;
        java.util.function.Predicate<Remediation> possible = r -> true;

        @Override
        public boolean possible(Remediation r) {
            return possible.test(r);
        }

        @Override
        public synchronized Actuation execute(Remediation r) {
            done.add(r.label());
            return new Actuation(r, answer.apply(r), "recorded");
        }
    }

    private Fixture() {
    }
}
