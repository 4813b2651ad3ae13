package io.autoops.experiments.cli;

import io.autoops.core.ops.VirtualClock;
import io.autoops.env.live.heal.HealingDaemon;
import io.autoops.env.scenario.Scenario;
import io.autoops.env.scenario.ScenarioLoader;
import io.autoops.env.sim.Simulator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

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
        try (HealingDaemon d = SimDaemon.create(sim, state, java.time.Duration.ofSeconds(60), new VirtualClock(0))) {
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
