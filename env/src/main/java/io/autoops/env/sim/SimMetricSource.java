package io.autoops.env.sim;

import io.autoops.core.mdp.ObservationSchema;
import io.autoops.core.ops.MetricSource;
import io.autoops.core.ops.Reading;

import java.util.List;

/** The simulator as a {@link MetricSource}: every feature of its observation schema, at the simulated time. */
public final class SimMetricSource implements MetricSource {

    private final Simulator sim;

    public SimMetricSource(Simulator sim) {
        this.sim = sim;
    }

    @Override
    public ObservationSchema schema() {
        return sim.schema();
    }

    @Override
    public Reading read() {
        double[] values = new double[sim.observationSize()];
        sim.observe(values, 0);
        long at = (long) (sim.tick() * sim.scenario().spec().tickSeconds() * 1000);
        return new Reading(at, values, List.of());
    }
}
