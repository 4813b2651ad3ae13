package io.autoops.policies.game;

import io.autoops.core.mdp.AgentId;
import io.autoops.core.mdp.ForwardModel;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class StageGamePolicyTest {

    /**
     * Three healers; 0 and 1 are troubled and play a prisoner's dilemma over actions 0 (wait) and
     * 1 (grab): grabbing pays the grabber, costs the other more. Healer 2 is healthy and pays 1 for
     * every grab (the system outside the game suffers too).
     */
    static final class Dilemma implements ForwardModel {
        int lookAheads;

        @Override
        public List<AgentId> agents() {
            return List.of(new AgentId("a"), new AgentId("b"), new AgentId("c"));
        }

        @Override
        public boolean[] mask(int agent) {
            return new boolean[] {true, true, false};
        }

        @Override
        public int[] troubled() {
            return new int[] {1, 0};
        }

        @Override
        public double[] lookAhead(int[] joint, int horizon) {
            lookAheads++;
            assertThat(joint[2]).as("the healthy healer is not asked").isZero();
            double[][][] pd = {{{3, 3}, {0, 5}}, {{5, 0}, {1, 1}}};
            double[] u = pd[joint[0]][joint[1]];
            return new double[] {u[0], u[1], 4 - joint[0] - joint[1]};
        }
    }

    private static Map<AgentId, double[]> obs() {
        return Map.of(new AgentId("a"), new double[0], new AgentId("b"), new double[0], new AgentId("c"), new double[0]);
    }

    @Test
    void nash_grabs_teamOptimumWaits_andThePriceOfAnarchyIsMeasured() {
        Dilemma m = new Dilemma();
        StageGamePolicy nash = new StageGamePolicy(m, StageGamePolicy.Mode.NASH, 3, 2, 1);
        assertThat(nash.act(obs(), Map.of())).containsEntry(new AgentId("a"), 1).containsEntry(new AgentId("b"), 1)
                .containsEntry(new AgentId("c"), 0);
        assertThat(m.lookAheads).isEqualTo(4); // 2 x 2 valid profiles
        StageGamePolicy team = new StageGamePolicy(m, StageGamePolicy.Mode.TEAM_OPTIMUM, 3, 2, 1);
        assertThat(team.decide()).containsExactly(0, 0, 0);
        // Welfare: (wait, wait) 3 + 3 + 4 = 10; (grab, grab) 1 + 1 + 2 = 4.
        assertThat(nash.stats().priceOfAnarchy()).isEqualTo(10.0 / 4);
        assertThat(team.stats().priceOfAnarchy()).isEqualTo(1.0);
    }

    @Test
    void correlatedEquilibrium_ofADilemmaIsStillMutualGrabbing() {
        // Grabbing strictly dominates, so the only correlated equilibrium is (grab, grab).
        StageGamePolicy ce = new StageGamePolicy(new Dilemma(), StageGamePolicy.Mode.CE_WELFARE, 3, 2, 1);
        assertThat(ce.decide()).containsExactly(1, 1, 0);
    }

    @Test
    void onePlayerCap_letsOnlyTheWorstTroubledHealerAct() {
        Dilemma m = new Dilemma();
        StageGamePolicy nash = new StageGamePolicy(m, StageGamePolicy.Mode.NASH, 3, 1, 1);
        assertThat(nash.decide()).containsExactly(0, 1, 0); // healer 1 is the worst; it grabs against a waiting 0
        assertThat(m.lookAheads).isEqualTo(2);
    }

    @Test
    void theStageGameIsOpenToInspection_playersWorstFirst_welfareOfEveryAgent() {
        StageGamePolicy p = new StageGamePolicy(new Dilemma(), StageGamePolicy.Mode.NASH, 3, 2, 1);
        StageGamePolicy.StageGame g = p.stageGame().orElseThrow();
        assertThat(g.players()).containsExactly(1, 0);
        assertThat(g.game().players()).containsExactly("b", "a");
        assertThat(g.game().profileCount()).isEqualTo(4);
        assertThat(g.game().actionNames(0)).containsExactly("0", "1"); // the default labels are the indices
        // Profile (b waits, a waits): 3 + 3 for the players, 4 for the healthy c.
        assertThat(g.welfare()[g.game().index(new int[] {0, 0})]).isEqualTo(10.0);
        assertThat(g.bestProfile()).isEqualTo(g.game().index(new int[] {0, 0}));
        assertThat(p.stats().games()).as("looking is not deciding").isZero();
    }
}
