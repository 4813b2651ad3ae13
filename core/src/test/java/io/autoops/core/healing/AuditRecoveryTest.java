package io.autoops.core.healing;

import io.autoops.core.ops.Clock;
import io.autoops.core.ops.VirtualClock;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The audit log across a kill -9: nothing lost, nothing half-done repeated. */
class AuditRecoveryTest {

    @TempDir
    Path dir;

    /** A healer whose actuator dies (halt, as kill -9) in the middle of its first action. */
    public static void main(String[] args) {
        Path log = Path.of(args[0]);
        Fixture.Source source = new Fixture.Source(Clock.system());
        HealingAgent agent = new HealingAgent(source, r -> {
            Runtime.getRuntime().halt(137);
            throw new AssertionError("unreachable");
        }, (obs, mask) -> Fixture.RESTART, "crashing", Fixture.ACTIONS, settings(), Guards.Topology.UNKNOWN,
                AuditLog.open(log), Clock.system(), null);
        agent.cycle();
    }

    static HealingSettings settings() {
        return new HealingSettings(Set.of(), Set.of(), 0, 0, 1, 1.0, 30_000, Set.of(), 1, 0, 1, 5_000, 0, Map.of(),
                HealingSettings.Health.defaults(), 0);
    }

    @Test
    void aHealerKilledMidActionNeitherLosesTheRecordNorRepeatsTheAction() throws Exception {
        Path log = dir.resolve("audit.jsonl");
        Process p = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), AuditRecoveryTest.class.getName(), log.toString())
                .redirectErrorStream(true).start();
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).as(new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8)).isEqualTo(137);

        List<AuditRecord> before = AuditLog.readAll(log);
        assertThat(before).extracting(AuditRecord::type).containsExactly("start", "decision", "intent");
        String key = before.get(2).decision();

        VirtualClock clock = new VirtualClock(System.currentTimeMillis());
        Fixture.Recorder actuator = new Fixture.Recorder();
        AuditLog reopened = AuditLog.open(log);
        assertThat(reopened.interrupted()).singleElement().extracting(AuditRecord::decision).isEqualTo(key);
        HealingAgent agent = new HealingAgent(new Fixture.Source(clock), actuator, (obs, mask) -> Fixture.RESTART,
                "restarted", Fixture.ACTIONS, settings(), Guards.Topology.UNKNOWN, reopened, clock, null);
        HealingAgent.Cycle c = agent.cycle();
        assertThat(c.verdict().guard()).as("the half-done restart is not repeated at once").isEqualTo(Guards.COOLDOWN);
        assertThat(actuator.done).isEmpty();

        List<AuditRecord> after = AuditLog.readAll(log);
        assertThat(after.subList(0, 3)).isEqualTo(before);
        assertThat(after).filteredOn(r -> r.type().equals("interrupted")).singleElement()
                .satisfies(r -> {
                    assertThat(r.decision()).isEqualTo(key);
                    assertThat(r.outcome()).isEqualTo("INTERRUPTED");
                    assertThat(r.action()).isEqualTo("restart:api");
                });
        assertThat(after).extracting(AuditRecord::seq).doesNotHaveDuplicates().isSorted();
        assertThat(AuditLog.open(log).interrupted()).as("reported once only").isEmpty();
    }

    @Test
    void aTornLastLineIsKeptAsideAndAnythingElseDamagedRefusesToOpen() throws Exception {
        Path log = dir.resolve("audit.jsonl");
        try (AuditLog a = AuditLog.open(log)) {
            a.append(AuditRecord.of("start"), 0);
        }
        Files.writeString(log, "{\"seq\":2,\"type\":\"deci", StandardOpenOption.APPEND);
        try (AuditLog a = AuditLog.open(log)) {
            assertThat(a.append(AuditRecord.of("control"), 1).seq()).isEqualTo(2);
        }
        assertThat(Files.readString(dir.resolve("audit.jsonl.torn"))).isEqualTo("{\"seq\":2,\"type\":\"deci");
        assertThat(AuditLog.readAll(log)).extracting(AuditRecord::type).containsExactly("start", "control");

        Files.writeString(log, "not json\n", StandardOpenOption.APPEND);
        Files.writeString(log, "{\"seq\":4,\"type\":\"control\"}\n", StandardOpenOption.APPEND);
        assertThatThrownBy(() -> AuditLog.open(log)).hasMessageContaining("line 3 is not an audit record");
    }
}
