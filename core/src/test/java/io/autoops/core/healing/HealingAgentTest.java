package io.autoops.core.healing;

import io.autoops.core.mdp.Policy;
import io.autoops.core.ops.Actuator;
import io.autoops.core.ops.VirtualClock;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;

import static io.autoops.core.healing.Fixture.ACTIONS;
import static org.assertj.core.api.Assertions.assertThat;

class HealingAgentTest {

    @TempDir
    Path dir;

    final VirtualClock clock = new VirtualClock(1_000_000);
    final Fixture.Source source = new Fixture.Source(clock);
    final Fixture.Recorder actuator = new Fixture.Recorder();
    final AtomicInteger choice = new AtomicInteger(Fixture.RESTART);
    boolean[] lastMask;
    final Policy policy = (obs, mask) -> {
        lastMask = mask;
        return choice.get();
    };

    /** Every guard off but the ones a test turns on. */
    static HealingSettings open() {
        return new HealingSettings(Set.of(), Set.of(), 0, 0, 600_000, 1.0, 0, Set.of(), 600_000, 0, 600_000,
                5_000, 0, Map.of(), HealingSettings.Health.defaults(), 0);
    }

    /** An agent whose escalations are collected in {@code escalations}. */
    HealingAgent agentEscalatingTo(List<String> escalations, HealingSettings settings) {
        return new HealingAgent(source, actuator, policy, "p", ACTIONS, settings, Guards.Topology.UNKNOWN,
                AuditLog.open(dir.resolve("audit.jsonl")), clock, new HealingAgent.Listener() {
                    @Override
                    public void escalated(String reason) {
                        escalations.add(reason);
                    }
                });
    }

    HealingAgent agent(HealingSettings settings) {
        return new HealingAgent(source, actuator, policy, "test-policy", ACTIONS, settings, Guards.Topology.UNKNOWN,
                AuditLog.open(dir.resolve("audit.jsonl")), clock, null);
    }

    List<AuditRecord> audit() {
        return AuditLog.readAll(dir.resolve("audit.jsonl"));
    }

    @Test
    void staleDataIsNeverActedOnAndTheSkipIsRecordedOnce() {
        HealingAgent a = agent(open());
        source.problems = List.of("stale: newest sample 9 s old");
        assertThat(a.cycle().state()).isEqualTo("skipped");
        assertThat(a.cycle().verdict().guard()).isEqualTo(Guards.STALE_DATA);
        assertThat(actuator.done).isEmpty();
        assertThat(audit()).filteredOn(r -> r.type().equals("skip")).hasSize(1)
                .allMatch(r -> r.reason().contains("newest sample 9 s old"));
        source.problems = List.of();
        source.values[0] = Double.NaN;
        assertThat(a.cycle().state()).as("a NaN feature is as bad as a stale one").isEqualTo("skipped");
    }

    @Test
    void theMaskShapesThePolicysChoicesAndRefusesWhatItForbids() {
        HealingSettings s = open();
        HealingAgent a = agent(new HealingSettings(Set.of("restart", "scale-out"), Set.of("n1"), 0, 0, 1, 1.0, 0,
                Set.of(), 1, 0, 1, 5_000, 0, Map.of(), s.health(), 0));
        a.cycle();
        assertThat(lastMask).containsExactly(true, true, true, false, false, false);
        choice.set(Fixture.ROLLBACK); // a policy ignoring its mask is still stopped
        HealingAgent.Cycle c = a.cycle();
        assertThat(c.verdict().guard()).isEqualTo(Guards.MASK);
        assertThat(c.verdict().reason()).contains("rollback is not an allowed kind");
        assertThat(actuator.done).containsExactly("restart:api");
    }

    @Test
    void whatTheActuatorCannotDoNowIsNotOffered() {
        HealingAgent a = agent(open());
        actuator.possible = r -> !r.kind().equals("rollback"); // e.g. no previous version to go back to
        a.cycle();
        assertThat(lastMask[Fixture.ROLLBACK]).isFalse();
        assertThat(lastMask[Fixture.RESTART]).isTrue();
    }

    @Test
    void rateLimitsCountPerTargetAndInAll() {
        HealingSettings s = open();
        HealingAgent a = agent(new HealingSettings(Set.of(), Set.of(), 2, 3, 60_000, 1.0, 0, Set.of(), 1, 0, 1,
                5_000, 0, Map.of(), s.health(), 0));
        for (int i = 0; i < 3; i++) {
            a.cycle();
            clock.advance(1_000);
        }
        assertThat(actuator.done).containsExactly("restart:api", "restart:api");
        choice.set(Fixture.DRAIN);
        assertThat(a.cycle().state()).isEqualTo("acted");
        HealingAgent.Cycle c = a.cycle();
        assertThat(c.verdict().guard()).isEqualTo(Guards.RATE_LIMIT);
        assertThat(c.verdict().reason()).contains("global limit");
        clock.advance(60_000);
        choice.set(Fixture.RESTART);
        assertThat(a.cycle().state()).as("the window slid past").isEqualTo("acted");
    }

    @Test
    void coolDownMasksTheTargetAndDeniesIt() {
        HealingSettings s = open();
        HealingAgent a = agent(new HealingSettings(Set.of(), Set.of(), 0, 0, 1, 1.0, 30_000, Set.of(), 1, 0, 1,
                5_000, 0, Map.of(), s.health(), 0));
        a.cycle();
        clock.advance(10_000);
        HealingAgent.Cycle c = a.cycle();
        assertThat(lastMask[Fixture.RESTART]).isFalse();
        assertThat(lastMask[Fixture.DRAIN]).as("other targets are free").isTrue();
        assertThat(c.verdict().guard()).isEqualTo(Guards.COOLDOWN);
        assertThat(c.verdict().reason()).contains("20000 ms left");
        clock.advance(20_000);
        assertThat(a.cycle().state()).isEqualTo("acted");
    }

    @Test
    void blastRadiusBoundsHowManyInstancesAreDownAtOnce() {
        HealingSettings s = open();
        HealingSettings half = new HealingSettings(Set.of(), Set.of(), 0, 0, 1, 0.5, 0, Set.of(), 1, 0, 1,
                5_000, 0, Map.of(), s.health(), 0);
        HealingAgent a = new HealingAgent(source, actuator, policy, "p", ACTIONS, half,
                node -> Map.of("api", 2), AuditLog.open(dir.resolve("audit.jsonl")), clock, null);
        assertThat(a.cycle().state()).as("a rolling restart of 3 takes 1 down").isEqualTo("acted");
        choice.set(Fixture.SCALE_IN);
        assertThat(a.cycle().verdict().reason()).contains("api would have 2 of 3 instances down (67% > 50%)");
        choice.set(Fixture.DRAIN);
        assertThat(a.cycle().verdict().guard()).isEqualTo(Guards.BLAST_RADIUS);
        source.values[3] = 0; // every instance down already: restarting takes nothing more down
        choice.set(Fixture.RESTART);
        assertThat(a.cycle().state()).isEqualTo("acted");
        source.values[3] = 1;
        source.values[4] = 1; // a single instance: restarting it is all of it
        assertThat(a.cycle().verdict().reason()).contains("1 of 1 instances down (100% > 50%)");
    }

    @Test
    void whileAnActionAwaitsApprovalNothingElseIsDoneToItsTarget() {
        HealingSettings s = open();
        HealingAgent a = agent(new HealingSettings(Set.of(), Set.of(), 0, 0, 1, 1.0, 0, Set.of("rollback", "drain"), 60_000, 0, 1,
                5_000, 0, Map.of(), s.health(), 0));
        choice.set(Fixture.ROLLBACK);
        assertThat(a.cycle().state()).isEqualTo("awaiting-approval");
        choice.set(Fixture.SCALE_OUT);
        HealingAgent.Cycle held = a.cycle();
        assertThat(held.state()).isEqualTo("denied");
        assertThat(held.verdict().guard()).isEqualTo(Guards.APPROVAL_PENDING);
        assertThat(held.verdict().reason()).contains("rollback:api awaits an operator's approval");
        assertThat(actuator.done).as("the cheaper try does not race the operator").isEmpty();
        a.deny(a.pending().get(0).decision(), "bob");
        assertThat(a.cycle().state()).as("once decided, the target is free again").isEqualTo("acted");
        assertThat(actuator.done).containsExactly("scale-out:api");
    }

    @Test
    void riskyKindsWaitForApprovalAndRunOnceApproved() {
        HealingSettings s = open();
        HealingAgent a = agent(new HealingSettings(Set.of(), Set.of(), 0, 0, 1, 1.0, 0, Set.of("rollback"), 60_000, 0, 1,
                5_000, 0, Map.of(), s.health(), 0));
        choice.set(Fixture.ROLLBACK);
        assertThat(a.cycle().state()).isEqualTo("awaiting-approval");
        assertThat(a.cycle().state()).isEqualTo("awaiting-approval");
        assertThat(a.pending()).as("asked once").hasSize(1);
        assertThat(actuator.done).isEmpty();
        String id = a.pending().get(0).decision();
        assertThat(a.approve("no-such-id", "ops")).isFalse();
        assertThat(a.approve(id, "alice")).isTrue();
        choice.set(0);
        HealingAgent.Cycle c = a.cycle();
        assertThat(c.state()).isEqualTo("approved");
        assertThat(actuator.done).containsExactly("rollback:api");
        assertThat(audit()).anyMatch(r -> r.type().equals("approved") && "alice".equals(r.by()) && id.equals(r.decision()));

        choice.set(Fixture.ROLLBACK);
        a.cycle();
        String second = a.pending().get(0).decision();
        assertThat(a.deny(second, "bob")).isTrue();
        a.cycle(); // asks again: a denial is not a standing rule
        clock.advance(61_000);
        choice.set(0);
        a.cycle();
        assertThat(a.pending()).isEmpty();
        assertThat(audit()).anyMatch(r -> r.type().equals("denied") && "bob".equals(r.by()))
                .anyMatch(r -> r.type().equals("expired"));
        assertThat(actuator.done).containsExactly("rollback:api");
    }

    @Test
    void theCircuitBreakerStopsActingAfterRepeatedFailuresUntilResumed() {
        HealingSettings s = open();
        List<String> escalations = new java.util.ArrayList<>();
        HealingAgent a = agentEscalatingTo(escalations,
                new HealingSettings(Set.of(), Set.of(), 0, 0, 1, 1.0, 0, Set.of(), 1, 3, 60_000, 5_000, 0, Map.of(),
                        s.health(), 0));
        actuator.answer = r -> Actuator.Actuation.Outcome.FAILED;
        for (int i = 0; i < 5; i++) {
            a.cycle();
        }
        assertThat(actuator.done).hasSize(3);
        assertThat(a.status().breakerOpen()).isTrue();
        assertThat(escalations).singleElement().asString().contains("circuit breaker opened after 3 failures");
        a.resume("carol");
        actuator.answer = r -> Actuator.Actuation.Outcome.DONE;
        assertThat(a.cycle().state()).isEqualTo("acted");
        assertThat(a.status().outcomesByKind().get("restart")).containsEntry("FAILED", 3L).containsEntry("DONE", 1L);
    }

    @Test
    void anActionThatDidNotHelpFallsBackAlongTheChainThenEscalates() {
        HealingSettings s = open();
        List<String> escalations = new java.util.ArrayList<>();
        HealingAgent a = agentEscalatingTo(escalations,
                new HealingSettings(Set.of(), Set.of(), 0, 0, 1, 1.0, 60_000, Set.of(), 1, 0, 1, 5_000, 10_000,
                        Map.of("restart", "rollback", "rollback", "scale-out", "scale-out", "restart"), s.health(), 0));
        source.failing();
        a.cycle();
        choice.set(0);
        clock.advance(5_000);
        a.cycle();
        assertThat(actuator.done).as("not verified before it is due").containsExactly("restart:api");
        clock.advance(5_000);
        a.cycle();
        assertThat(actuator.done).as("cool-down does not block the fallback").containsExactly("restart:api", "rollback:api");
        clock.advance(10_000);
        a.cycle();
        assertThat(actuator.done).as("a fallback falls back in turn").containsExactly("restart:api", "rollback:api", "scale-out:api");
        clock.advance(10_000);
        a.cycle();
        clock.advance(10_000);
        a.cycle();
        assertThat(actuator.done).as("the chain stops where a kind comes round again").hasSize(3);
        assertThat(escalations).singleElement().asString().contains("scale-out:api did not help")
                .contains("api.error_rate = 0.400 > 0.050")
                .contains("its fallbacks are exhausted (tried restart, rollback, scale-out)");
        assertThat(a.status().verificationByKind().get("restart")).containsExactly(0, 1);
    }

    @Test
    void aFallbackThatNeedsApprovalWaitsForItThenContinuesTheChain() {
        HealingSettings s = open();
        List<String> escalations = new java.util.ArrayList<>();
        HealingAgent a = agentEscalatingTo(escalations,
                new HealingSettings(Set.of(), Set.of(), 0, 0, 1, 1.0, 60_000, Set.of("rollback"), 600_000, 0, 1, 5_000, 10_000,
                        Map.of("scale-out", "restart", "restart", "rollback"), s.health(), 0));
        source.failing();
        choice.set(Fixture.SCALE_OUT);
        a.cycle();
        choice.set(0);
        for (int i = 0; i < 2; i++) {
            clock.advance(10_000);
            a.cycle();
        }
        assertThat(actuator.done).containsExactly("scale-out:api", "restart:api");
        assertThat(a.status().pending()).singleElement().extracting(HealingAgent.Pending::action).isEqualTo("rollback:api");
        assertThat(a.approve(a.status().pending().get(0).decision(), "oncall")).isTrue();
        a.cycle();
        assertThat(actuator.done).as("approved, the roll back runs despite the cool-down")
                .containsExactly("scale-out:api", "restart:api", "rollback:api");
        clock.advance(10_000);
        a.cycle();
        assertThat(escalations).singleElement().asString().contains("rollback:api did not help")
                .contains("its fallbacks are exhausted (tried scale-out, restart, rollback)");
    }

    @Test
    void aVerifiedActionIsRecordedAsSuch() {
        HealingSettings s = open();
        HealingAgent a = agent(new HealingSettings(Set.of(), Set.of(), 0, 0, 1, 1.0, 0, Set.of(), 1, 0, 1, 5_000, 10_000,
                Map.of("restart", "rollback"), s.health(), 0));
        a.cycle();
        choice.set(0);
        clock.advance(10_000);
        a.cycle();
        assertThat(actuator.done).containsExactly("restart:api");
        assertThat(a.status().verificationByKind().get("restart")).containsExactly(1, 0);
        assertThat(audit()).extracting(AuditRecord::type).contains("verified");
    }

    @Test
    void anActionThatHangsTimesOutAsAFailure() {
        HealingSettings s = open();
        HealingAgent a = new HealingAgent(source, r -> {
            try {
                Thread.sleep(10_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return new Actuator.Actuation(r, Actuator.Actuation.Outcome.DONE, "late");
        }, policy, "p", ACTIONS, new HealingSettings(Set.of(), Set.of(), 0, 0, 1, 1.0, 0, Set.of(), 1, 0, 1, 200, 0,
                Map.of(), s.health(), 0), Guards.Topology.UNKNOWN, AuditLog.open(dir.resolve("audit.jsonl")), clock, null);
        HealingAgent.Cycle c = a.cycle();
        assertThat(c.actuation().outcome()).isEqualTo(Actuator.Actuation.Outcome.FAILED);
        assertThat(c.actuation().message()).contains("timed out after 200 ms");
        a.close();
    }

    @Test
    void theIntentIsOnDiskBeforeTheActionRunsAndEveryDecisionIsLogged() {
        Path log = dir.resolve("audit.jsonl");
        List<String> seenBeforeActing = new java.util.ArrayList<>();
        HealingAgent a = new HealingAgent(source, r -> {
            List<AuditRecord> onDisk = AuditLog.readAll(log);
            AuditRecord last = onDisk.get(onDisk.size() - 1);
            seenBeforeActing.add(last.type() + " " + last.action());
            return new Actuator.Actuation(r, Actuator.Actuation.Outcome.DONE, "ok");
        }, policy, "p", ACTIONS, open(), Guards.Topology.UNKNOWN, AuditLog.open(log), clock, null);
        a.cycle();
        choice.set(0);
        a.cycle();
        assertThat(seenBeforeActing).containsExactly("intent restart:api");
        List<AuditRecord> records = AuditLog.readAll(log);
        assertThat(records).extracting(AuditRecord::type)
                .containsExactly("start", "decision", "intent", "outcome", "decision");
        assertThat(records).extracting(AuditRecord::seq).containsExactly(1L, 2L, 3L, 4L, 5L);
        AuditRecord decision = records.get(1);
        assertThat(decision.policy()).isEqualTo("p");
        assertThat(decision.inputs()).containsEntry("api.ready_replicas", 3.0).hasSize(Fixture.SCHEMA.size());
        assertThat(records.get(2).decision()).isEqualTo(decision.decision()).isEqualTo(records.get(3).decision());
        assertThat(records.get(3).outcome()).isEqualTo("DONE");
    }

    @Test
    void pauseStopsDecisions() {
        HealingAgent a = agent(open());
        a.pause("dave");
        assertThat(a.cycle().state()).isEqualTo("paused");
        a.resume("dave");
        assertThat(a.cycle().state()).isEqualTo("acted");
        assertThat(audit()).filteredOn(r -> r.type().equals("control")).extracting(AuditRecord::message)
                .containsExactly("paused", "resumed");
    }
}
