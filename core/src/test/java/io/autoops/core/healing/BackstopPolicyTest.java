package io.autoops.core.healing;

import io.autoops.core.mdp.Policy;
import io.autoops.core.ops.VirtualClock;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class BackstopPolicyTest {

    final AtomicInteger primaryChoice = new AtomicInteger();
    final AtomicInteger backstopChoice = new AtomicInteger();
    final List<double[]> backstopSaw = new ArrayList<>();
    final Policy primary = (obs, mask) -> primaryChoice.get();
    final Policy backstop = (obs, mask) -> {
        backstopSaw.add(obs);
        return backstopChoice.get();
    };
    final BackstopPolicy pair = new BackstopPolicy(primary, "learned", backstop, "rules", 3);

    @Test
    void theBackstopsWishIsCarriedOutWhenThePrimaryLetsPatienceDecisionsPass() {
        backstopChoice.set(5);
        assertThat(pair.act(new double[1], null)).as("the wish").isZero();
        backstopChoice.set(0); // a rule fires once, then cools down
        assertThat(pair.act(new double[1], null)).isZero();
        assertThat(pair.act(new double[1], null)).isZero();
        assertThat(pair.act(new double[1], null)).as("three decisions later").isEqualTo(5);
        assertThat(pair.lastDecidedBy()).isEqualTo("rules (backstop)");
        assertThat(pair.act(new double[1], null)).as("carried out once").isZero();
        assertThat(pair.lastDecidedBy()).isEqualTo("learned");
    }

    @Test
    void anyActionOfThePrimaryDropsTheWish() {
        backstopChoice.set(5);
        pair.act(new double[1], null);
        backstopChoice.set(0);
        primaryChoice.set(2);
        assertThat(pair.act(new double[1], null)).as("the primary's own action").isEqualTo(2);
        assertThat(pair.lastDecidedBy()).isEqualTo("learned");
        primaryChoice.set(0);
        for (int i = 0; i < 5; i++) {
            assertThat(pair.act(new double[1], null)).as("the wish is gone").isZero();
        }
    }

    @Test
    void aWishTheMaskNoLongerAllowsIsDropped() {
        backstopChoice.set(2);
        boolean[] mask = {true, true, true};
        pair.act(new double[1], mask);
        backstopChoice.set(0);
        pair.act(new double[1], mask);
        mask[2] = false; // the target is cooling down, say
        pair.act(new double[1], mask);
        assertThat(pair.act(new double[1], mask)).isZero();
        mask[2] = true;
        assertThat(pair.act(new double[1], mask)).isZero();
    }

    @Test
    void theBackstopSeesEveryObservationSoItsOwnStateStaysCurrent() {
        primaryChoice.set(1);
        for (int i = 0; i < 4; i++) {
            pair.act(new double[] {i}, null);
        }
        assertThat(backstopSaw).hasSize(4);
        primaryChoice.set(0);
        backstopChoice.set(5);
        pair.act(new double[1], null);
        pair.reset();
        backstopChoice.set(0);
        for (int i = 0; i < 5; i++) {
            assertThat(pair.act(new double[1], null)).as("reset forgets the wish").isZero();
        }
    }

    @Test
    void patienceBelowOneIsRefused() {
        assertThatThrownBy(() -> new BackstopPolicy(primary, "a", backstop, "b", 0))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("at least 1");
    }

    @Test
    void theAuditLogNamesTheBackstopAsTheDecider(@TempDir Path dir) {
        VirtualClock clock = new VirtualClock(1_000_000);
        Fixture.Source source = new Fixture.Source(clock);
        Fixture.Recorder actuator = new Fixture.Recorder();
        backstopChoice.set(Fixture.RESTART);
        BackstopPolicy one = new BackstopPolicy(primary, "learned", backstop, "rules", 2);
        HealingAgent agent = new HealingAgent(source, actuator, one, one.describe(), Fixture.ACTIONS,
                HealingAgentTest.open(), Guards.Topology.UNKNOWN, AuditLog.open(dir.resolve("audit.jsonl")), clock, null);
        assertThat(agent.cycle().state()).as("the backstop's wish").isEqualTo("noop");
        clock.advance(1_000);
        assertThat(agent.cycle().state()).isEqualTo("noop");
        clock.advance(1_000);
        assertThat(agent.cycle().state()).as("two decisions later").isEqualTo("acted");
        assertThat(actuator.done).hasSize(1);
        List<AuditRecord> log = AuditLog.readAll(dir.resolve("audit.jsonl"));
        assertThat(log).filteredOn(r -> r.type().equals("decision")).extracting(AuditRecord::policy)
                .containsExactly("learned with backstop rules", "learned with backstop rules",
                        "rules (backstop)");
        assertThat(agent.status().policy()).isEqualTo("learned with backstop rules");
    }
}
