package io.autoops.experiments.cli;

import io.autoops.core.ops.DryRunActuator;
import io.autoops.core.ops.VirtualClock;
import io.autoops.env.live.heal.HealConfig;
import io.autoops.env.live.heal.HealingDaemon;
import io.autoops.env.live.heal.LiveSystem;
import io.autoops.env.scenario.Scenario;
import io.autoops.env.scenario.ScenarioLoader;
import io.autoops.env.sim.SimMetricSource;
import io.autoops.env.sim.SimSpaces;
import io.autoops.env.sim.Simulator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** `heal status|approvals|approve|pause|resume` beside a running daemon (on the simulator, dry run). */
class HealControlTest {

    @TempDir
    Path dir;

    @Test
    void theOperatorCommandsTalkToTheRunningDaemon() throws Exception {
        Scenario sc = ScenarioLoader.load("ecommerce");
        Simulator sim = new Simulator(sc);
        sim.reset(1);
        Path state = dir.resolve("heal");
        HealConfig config = new HealConfig("ecommerce", java.time.Duration.ofSeconds(60), dir.resolve("shop"), null, null,
                state.resolve("audit.jsonl"), new HealConfig.Control(0, state.resolve("token")), null,
                java.util.List.of(), io.autoops.core.healing.HealingSettings.defaults());
        LiveSystem system = new LiveSystem(sc, new SimMetricSource(sim), new DryRunActuator("the simulator"),
                node -> Map.of(), SimSpaces.remediations(sc), SimSpaces.actionSpace(sc), "the simulator");
        try (HealingDaemon d = new HealingDaemon(config, system, (obs, mask) -> 0, "noop", new VirtualClock(0))) {
            d.start();
            assertThat(Files.readString(state.resolve(HealingDaemon.CONTROL_URL))).contains("127.0.0.1:" + d.controlPort());

            AutoOpsTest.Run status = AutoOpsTest.run("heal", "status", "--state", state.toString());
            assertThat(status.exit()).as(status.err()).isZero();
            assertThat(status.out()).contains("\"policy\" : \"noop\"").contains("\"paused\" : false");

            assertThat(AutoOpsTest.run("heal", "pause", "--state", state.toString(), "--as", "ops-anna").exit()).isZero();
            assertThat(AutoOpsTest.run("heal", "status", "--state", state.toString()).out()).contains("\"paused\" : true");
            assertThat(AutoOpsTest.run("heal", "resume", "--state", state.toString()).exit()).isZero();
            assertThat(AutoOpsTest.run("heal", "approvals", "--state", state.toString()).out().strip()).isEqualTo("[ ]");

            AutoOpsTest.Run none = AutoOpsTest.run("heal", "approve", "nope", "--state", state.toString());
            assertThat(none.exit()).isEqualTo(1);
            assertThat(none.err()).contains("no pending approval nope");

            Files.writeString(state.resolve("token"), "not-the-right-token-at-all\n");
            AutoOpsTest.Run refused = AutoOpsTest.run("heal", "status", "--state", state.toString());
            assertThat(refused.exit()).isEqualTo(1);
            assertThat(refused.err()).contains("refused the token");
        }
        assertThat(state.resolve(HealingDaemon.CONTROL_URL)).as("removed when the daemon stops").doesNotExist();
        assertThat(io.autoops.core.healing.AuditLog.readAll(state.resolve("audit.jsonl")))
                .anyMatch(r -> r.type().equals("control") && "ops-anna".equals(r.by()) && "paused".equals(r.message()));
    }
}
