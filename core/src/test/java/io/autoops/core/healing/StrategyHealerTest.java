package io.autoops.core.healing;

import io.autoops.core.alerting.Alert;
import io.autoops.core.alerting.Severity;
import io.autoops.core.healing.strategy.AlertMatch;
import io.autoops.core.healing.strategy.Strategy;
import io.autoops.core.healing.strategy.StrategyHealer;
import io.autoops.core.healing.strategy.StrategyLibrary;
import io.autoops.core.healing.strategy.TargetLocks;
import io.autoops.core.ops.Actuator;
import io.autoops.core.ops.VirtualClock;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static io.autoops.core.healing.strategy.StrategyHealer.Outcome.APPROVAL_EXPIRED;
import static io.autoops.core.healing.strategy.StrategyHealer.Outcome.ESCALATED;
import static io.autoops.core.healing.strategy.StrategyHealer.Outcome.HEALED;
import static io.autoops.core.healing.strategy.StrategyHealer.Outcome.NOT_HEALED;
import static org.assertj.core.api.Assertions.assertThat;

class StrategyHealerTest {

    final VirtualClock clock = new VirtualClock(1_000_000);
    final Fixture.Source source = new Fixture.Source(clock);
    final Fixture.Recorder actuator = new Fixture.Recorder();
    final List<String> escalated = new ArrayList<>();
    final TargetLocks locks = new TargetLocks(clock);
    static final StrategyHealer.Settings SETTINGS = new StrategyHealer.Settings(60_000, 1_000, 15_000, 5_000, 60_000);

    static Alert alert(String rule, Severity severity, Map<String, String> labels) {
        return new Alert(rule + "-1", rule, labels, severity, Alert.State.ACTIVE, 1.0, 0, null, 0, 0, false, "i-1", List.of());
    }

    StrategyHealer healer(String name, StrategyLibrary library) {
        return new StrategyHealer(name, library, source, actuator, HealingSettings.Health.defaults(), clock, SETTINGS, locks,
                escalated::add);
    }

    /** Ticks until the target has been healthy for the settle time (5 s). */
    void settle(StrategyHealer h) {
        clock.advance(1_000);
        h.tick();
        clock.advance(5_000);
        h.tick();
    }

    @Test
    void strategiesMatchByRuleSeverityAndExactLabels_notBySubstrings() {
        AlertMatch m = AlertMatch.rules("cpu_high").atLeast(Severity.CRITICAL).withLabel("service", "api");
        assertThat(m.matches(alert("cpu_high", Severity.CRITICAL, Map.of("service", "api", "node", "n1")))).isTrue();
        assertThat(m.matches(alert("cpu_high", Severity.WARNING, Map.of("service", "api")))).as("too mild").isFalse();
        assertThat(m.matches(alert("cpu_high", Severity.CRITICAL, Map.of("service", "api2")))).isFalse();
        assertThat(m.matches(alert("cpu_high", Severity.CRITICAL, Map.of("service", "ap")))).isFalse();
        assertThat(m.matches(alert("cpu_high_total", Severity.CRITICAL, Map.of("service", "api")))).isFalse();
        assertThat(m.matches(alert("cpu_high", Severity.CRITICAL, Map.of()))).as("label missing").isFalse();
    }

    @Test
    void theSeedsCpuRules_aWarningIsLeftAlone_aCriticalCpuIsRestarted_andVerified() {
        StrategyHealer h = healer("h1", StrategyLibrary.seed());
        assertThat(h.onAlert(alert("cpu_high", Severity.WARNING, Map.of("service", "api")))).as("CPU > 80: warn only").isFalse();
        source.failing();
        assertThat(h.onAlert(alert("cpu_critical", Severity.CRITICAL, Map.of("service", "api")))).as("CPU > 95").isTrue();
        h.tick();
        assertThat(actuator.done).containsExactly("restart:api");
        source.healthy();
        clock.advance(1_000);
        h.tick();
        clock.advance(4_000);
        h.tick();
        assertThat(h.history()).as("healthy for 4 s: not settled yet").isEmpty();
        clock.advance(1_000);
        h.tick();
        assertThat(h.history()).extracting(StrategyHealer.Record::outcome).containsExactly(HEALED);
        assertThat(h.history().get(0).strategy()).isEqualTo("restart-on-cpu");
        assertThat(h.history().get(0).durationMillis()).isEqualTo(6_000);
        assertThat(h.library().stats().get("restart-on-cpu")).isEqualTo(new StrategyLibrary.Stats(1, 0));
        assertThat(h.active()).isEmpty();
    }

    @Test
    void anUnapprovedRiskyStrategyNeverRuns_itsApprovalTimesOutAndEscalates() {
        StrategyHealer h = healer("h1", StrategyLibrary.seed());
        source.failing();
        assertThat(h.onAlert(alert("error_rate_high", Severity.CRITICAL, Map.of("service", "api")))).isTrue();
        for (int i = 0; i < 59; i++) {
            clock.advance(1_000);
            h.tick();
        }
        assertThat(h.pending()).singleElement().satisfies(p -> assertThat(p.strategy()).isEqualTo("rollback-on-errors"));
        assertThat(actuator.done).isEmpty();
        clock.advance(1_000);
        h.tick();
        assertThat(actuator.done).as("never executed unapproved").isEmpty();
        assertThat(h.history()).extracting(StrategyHealer.Record::outcome).containsExactly(APPROVAL_EXPIRED, ESCALATED);
        assertThat(escalated).singleElement().asString().contains("approval of rollback-on-errors for service:api timed out");
        assertThat(h.pending()).isEmpty();
    }

    @Test
    void anApprovedRiskyStrategyRuns_andRecordsWhoApproved() {
        StrategyHealer h = healer("h1", StrategyLibrary.seed());
        source.failing();
        h.onAlert(alert("error_rate_high", Severity.CRITICAL, Map.of("service", "api")));
        String id = h.pending().get(0).id();
        assertThat(h.approve(id, "alice")).isTrue();
        h.tick();
        assertThat(actuator.done).containsExactly("rollback:api");
        source.healthy();
        settle(h);
        assertThat(h.history()).singleElement().satisfies(r -> {
            assertThat(r.outcome()).isEqualTo(HEALED);
            assertThat(r.approvedBy()).isEqualTo("alice");
            assertThat(r.action()).isEqualTo("rollback:api");
        });
    }

    @Test
    void aFailedStrategyFallsBackToTheNext_andTheStatisticsReorderTheLibrary() {
        StrategyLibrary lib = new StrategyLibrary()
                .add(new Strategy("restart", AlertMatch.rules("latency_high"), List.of("restart"), false))
                .add(new Strategy("scale", AlertMatch.rules("latency_high"), List.of("scale-out"), false));
        StrategyHealer h = healer("h1", lib);
        Alert slow = alert("latency_high", Severity.WARNING, Map.of("service", "api"));
        source.failing();
        h.onAlert(slow);
        h.tick();
        clock.advance(15_000);
        h.tick(); // restart did not help: scale out
        assertThat(actuator.done).containsExactly("restart:api", "scale-out:api");
        source.healthy();
        settle(h);
        assertThat(h.history()).extracting(StrategyHealer.Record::outcome).containsExactly(NOT_HEALED, HEALED);
        assertThat(lib.stats()).containsEntry("restart", new StrategyLibrary.Stats(0, 1))
                .containsEntry("scale", new StrategyLibrary.Stats(1, 0));
        assertThat(lib.candidates(slow)).extracting(Strategy::name).containsExactly("scale", "restart");
    }

    @Test
    void whenEveryStrategyFails_theIncidentIsEscalated() {
        StrategyLibrary lib = new StrategyLibrary()
                .add(new Strategy("restart-then-scale", AlertMatch.rules("latency_high"), List.of("restart", "scale-out"), false));
        StrategyHealer h = healer("h1", lib);
        source.failing();
        h.onAlert(alert("latency_high", Severity.WARNING, Map.of("service", "api")));
        for (int i = 0; i < 4; i++) {
            h.tick();
            clock.advance(15_000);
        }
        assertThat(actuator.done).containsExactly("restart:api", "scale-out:api");
        assertThat(h.history()).extracting(StrategyHealer.Record::outcome).containsExactly(NOT_HEALED, NOT_HEALED, ESCALATED);
        assertThat(escalated).singleElement().asString().contains("every strategy for service:api (latency_high) was tried");
    }

    @Test
    void twoHealersNeverTreatTheSameTarget_andATreatedTargetCoolsDown() {
        StrategyHealer a = healer("a", StrategyLibrary.seed());
        StrategyHealer b = healer("b", StrategyLibrary.seed());
        Alert mem = alert("memory_high", Severity.WARNING, Map.of("service", "api"));
        source.failing();
        assertThat(a.onAlert(mem)).isTrue();
        assertThat(b.onAlert(mem)).as("a holds service:api").isFalse();
        assertThat(a.onAlert(mem)).as("already under treatment").isFalse();
        a.tick();
        source.healthy();
        settle(a);
        assertThat(locks.owner("service:api")).isNull();
        source.failing();
        assertThat(b.onAlert(mem)).as("cooling down for a minute").isFalse();
        clock.advance(60_000);
        assertThat(b.onAlert(mem)).isTrue();
        assertThat(actuator.done).containsExactly("restart:api");
    }

    @Test
    void aStepThatHangsPastItsTimeoutCountsAsRefused_andTheNextStepRuns() {
        Actuator slowFirst = new Actuator() {
            int calls;

            @Override
            public Actuation execute(io.autoops.core.ops.Remediation r) {
                if (calls++ == 0) {
                    try {
                        Thread.sleep(5_000);
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                }
                return actuator.execute(r);
            }
        };
        StrategyHealer h = new StrategyHealer("h1", StrategyLibrary.seed(), source, slowFirst,
                HealingSettings.Health.defaults(), clock, SETTINGS, locks, escalated::add);
        source.failing();
        h.onAlert(alert("latency_high", Severity.WARNING, Map.of("service", "api")));
        h.tick();
        assertThat(h.history()).singleElement().satisfies(r -> assertThat(r.detail()).contains("timed out after 1000 ms"));
        assertThat(actuator.done).containsExactly("scale-out:api");
        h.close();
    }
}
