package io.autoops.experiments.cli;

import io.autoops.core.healing.HealingSettings;
import io.autoops.core.ops.DryRunActuator;
import io.autoops.core.ops.VirtualClock;
import io.autoops.env.live.heal.HealConfig;
import io.autoops.env.live.heal.HealingDaemon;
import io.autoops.env.live.heal.LiveSystem;
import io.autoops.env.scenario.Scenario;
import io.autoops.env.sim.SimMetricSource;
import io.autoops.env.sim.SimSpaces;
import io.autoops.env.sim.Simulator;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/** A healing daemon reading a simulator and acting in dry run, with a no-op policy, for tests of the daemon itself. */
final class SimDaemon {

    private SimDaemon() {
    }

    /** Not started; its state (audit log, token, control URL) goes to {@code state}. */
    static HealingDaemon create(Simulator sim, Path state, Duration interval, VirtualClock clock) {
        Scenario sc = sim.scenario();
        HealConfig config = new HealConfig(sc.name(), interval, state.resolveSibling("shop"), null, null,
                state.resolve("audit.jsonl"), new HealConfig.Control(0, state.resolve("token")), null, List.of(),
                HealingSettings.defaults());
        LiveSystem system = new LiveSystem(sc, new SimMetricSource(sim), new DryRunActuator("the simulator"),
                node -> Map.of(), SimSpaces.remediations(sc), SimSpaces.actionSpace(sc), "the simulator");
        return new HealingDaemon(config, system, (obs, mask) -> 0, "noop", clock);
    }
}
