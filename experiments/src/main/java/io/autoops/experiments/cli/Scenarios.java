package io.autoops.experiments.cli;

import io.autoops.env.scenario.Scenario;
import io.autoops.env.scenario.ScenarioSpec;

/** Small transformations of loaded scenarios for command-line options. */
final class Scenarios {
    private Scenarios() {
    }

    /** The same scenario with another episode length. */
    static Scenario withEpisodeTicks(Scenario sc, int ticks) {
        ScenarioSpec s = sc.spec();
        ScenarioSpec spec = new ScenarioSpec(s.name(), s.description(), s.base(), s.tickSeconds(), ticks, s.topology(),
                s.traffic(), s.faults(), s.randomFaults(), s.deploys(), s.platform(), s.reward(), s.recovery(),
                s.history(), s.measurement());
        return new Scenario(spec, sc.services(), sc.nodes(), sc.callOrder(), sc.faults(), sc.randomTypes());
    }
}
