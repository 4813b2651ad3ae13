package io.autoops.policies.rl4j;

import io.autoops.core.mdp.SyncVectorEnvironment;
import io.autoops.core.toy.ChainEnvironment;
import io.autoops.policies.drl.DqnConfig;
import org.deeplearning4j.rl4j.space.Box;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.autoops.core.mdp.Learner;
import java.nio.file.Path;

import java.util.ArrayList;
import java.util.List;

import io.autoops.core.mdp.Episode;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

class Rl4jLearnersTest {

    private static SyncVectorEnvironment chain(boolean randomStart) {
        return new SyncVectorEnvironment(1, () -> new ChainEnvironment(8, 32, 0.01, randomStart));
    }

    private static Rl4jDqnLearner chainDqn(int trainEvery, boolean sameUpdateRatio, long seed) {
        DqnConfig d = new DqnConfig(new int[] {32, 32}, 1e-3, 0.95, 1, 20_000, 32, 300, trainEvery, 100, 1.0, 0.05, 3_000,
                true, 1.0, 10, seed);
        return new Rl4jDqnConfig(d, sameUpdateRatio, 300).create(9, 3);
    }

    @Test
    void mdp_presentsTheEnvironment_andReplacesMaskedActions() {
        Rl4jMdp mdp = new Rl4jMdp(() -> chain(false), new io.autoops.policies.drl.ObservationNormalizer(9), 0, 1);
        assertThat(mdp.getObservationSpace().getShape()).containsExactly(9);
        assertThat(mdp.getActionSpace().getSize()).isEqualTo(3);
        Box first = mdp.reset();
        assertThat(first.toArray()).hasSize(9);
        // "left" is masked at state 0: replaced by the first valid action ("stay"), counted
        var reply = mdp.step(ChainEnvironment.LEFT);
        assertThat(mdp.replacedActions()).isEqualTo(1);
        assertThat(reply.getReward()).isEqualTo(-0.01, within(1e-12));
        double ret = reply.getReward();
        while (!mdp.isDone()) {
            ret += mdp.step(ChainEnvironment.RIGHT).getReward();
        }
        assertThat(ret).isEqualTo(1 - 0.01 * 8, within(1e-9));
        assertThatThrownBy(() -> mdp.step(ChainEnvironment.RIGHT)).isInstanceOf(IllegalStateException.class);
        mdp.reset();
        assertThat(mdp.isDone()).isFalse();
    }

    @Test
    @Tag("slow") // RL4J trains at 100-150 steps/s here
    void rl4jDqn_solvesTheChain_andReportsProgress() {
        Rl4jDqnLearner dqn = chainDqn(1, false, 1);
        List<Double> eps = new ArrayList<>();
        dqn.train(chain(true), 6_000, 3, 1_000, (l, p) -> {
            eps.add(p.exploration());
            return true;
        });
        assertThat(dqn.steps()).isGreaterThanOrEqualTo(6_000);
        assertThat(eps).isNotEmpty();
        assertThat(eps.get(eps.size() - 1)).isLessThan(eps.get(0));
        ChainEnvironment test = new ChainEnvironment(8, 32, 0.01, false);
        assertThat(Episode.play(test, dqn.policy(), 1).totalReward()).isEqualTo(test.optimalReturn(), within(1e-9));
        assertThatThrownBy(() -> dqn.train(chain(true), 7_000, 3, 1_000, null)).hasMessageContaining("trains once");
        assertThatThrownBy(() -> dqn.resume(java.nio.file.Path.of("x"))).hasMessageContaining("resume a fresh RL4J learner");
    }

    @Test
    @Tag("slow") // RL4J trains at 100-150 steps/s here
    void rl4jDqn_withOurUpdateRatio_stillLearns() {
        Rl4jDqnLearner dqn = chainDqn(2, true, 2);
        dqn.train(chain(true), 8_000, 3, 1_000, null);
        ChainEnvironment test = new ChainEnvironment(8, 32, 0.01, false);
        assertThat(Episode.play(test, dqn.policy(), 1).totalReward()).isEqualTo(test.optimalReturn(), within(1e-9));
    }

    @Test
    @Tag("slow") // RL4J trains at 100-150 steps/s here
    void rl4jA3c_solvesTheChain_withOneWorker() {
        Rl4jA3cLearner a3c = new Rl4jA3cConfig(2, 32, 1e-3, 0.95, 8, 1, 300, 1).create(9, 3)
                .workers(() -> chain(true));
        int[] reports = {0};
        a3c.train(chain(true), 8_000, 3, 500, (l, p) -> {
            reports[0]++;
            return true;
        });
        assertThat(reports[0]).isPositive();
        assertThat(a3c.steps()).isGreaterThanOrEqualTo(7_500);
        ChainEnvironment test = new ChainEnvironment(8, 32, 0.01, false);
        assertThat(Episode.play(test, a3c.policy(), 1).totalReward()).isEqualTo(test.optimalReturn(), within(1e-9));
    }

    @Test
    void rl4jDqn_resumesFromItsCheckpoint_continuingTheStepCountAndTheEpsilonSchedule(@TempDir Path dir) throws Exception {
        Rl4jDqnLearner first = chainDqn(16, true, 4);
        first.train(chain(true), 1_500, 3, 500, null);
        first.save(dir);

        Rl4jDqnLearner resumed = chainDqn(16, true, 4);
        resumed.resume(dir);
        assertThat(resumed.steps()).isEqualTo(first.steps()).isGreaterThanOrEqualTo(1_500);
        assertThat(resumed.network().parameters()).containsExactly(first.network().parameters());
        assertThat(resumed.normalizer().toJson()).isEqualTo(first.normalizer().toJson());

        List<Learner.Progress> reports = new ArrayList<>();
        resumed.train(chain(true), 3_000, 3, 300, (l, p) -> reports.add(p));
        assertThat(resumed.steps()).isGreaterThanOrEqualTo(3_000);
        assertThat(reports).isNotEmpty();
        Learner.Progress p = reports.get(0);
        assertThat(p.steps()).isGreaterThan(first.steps());
        // the schedule of chainDqn: 1 -> 0.05 over 3,000 steps from the learning start at 300
        assertThat(p.exploration()).isEqualTo(Math.max(0.05, 1 - (p.steps() - 300) / 3_000.0), within(1e-9));
        assertThat(resumed.network().parameters()).as("it went on learning").isNotEqualTo(first.network().parameters());
    }

    @Test
    void rl4jA3c_resumesBothNetworks_andCountsOn(@TempDir Path dir) throws Exception {
        Rl4jA3cLearner first = new Rl4jA3cConfig(2, 16, 1e-3, 0.95, 8, 1, 300, 1).create(9, 3).workers(() -> chain(true));
        first.train(chain(true), 600, 3, 200, null);
        first.save(dir);
        Rl4jA3cLearner resumed = new Rl4jA3cConfig(2, 16, 1e-3, 0.95, 8, 1, 300, 1).create(9, 3).workers(() -> chain(true));
        resumed.resume(dir);
        assertThat(resumed.network().parameters()).containsExactly(first.network().parameters());
        resumed.train(chain(true), 1_200, 3, 200, null);
        assertThat(resumed.steps()).isBetween(1_200L, 1_400L);

        Rl4jA3cLearner wider = new Rl4jA3cConfig(2, 32, 1e-3, 0.95, 8, 1, 300, 1).create(9, 3).workers(() -> chain(true));
        wider.resume(dir);
        assertThatThrownBy(() -> wider.train(chain(true), 1_200, 3, 200, null))
                .hasMessageContaining("parameters").hasMessageContaining("other settings");
    }
}
