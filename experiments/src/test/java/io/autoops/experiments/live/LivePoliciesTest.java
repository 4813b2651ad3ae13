package io.autoops.experiments.live;

import io.autoops.core.healing.BackstopPolicy;
import io.autoops.core.mdp.Policy;
import io.autoops.env.scenario.ScenarioLoader;
import io.autoops.env.sim.SimEnvironment;
import io.autoops.env.sim.Simulator;
import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class LivePoliciesTest {

    final Simulator shop = new Simulator(ScenarioLoader.load("shop"));

    @Test
    void theLearnedShopBundleLeavesAHoggedNodeAloneAndItsRulesBackstopDrainsIt() {
        SimEnvironment env = new SimEnvironment(ScenarioLoader.load("shop"));
        double[] obs = env.reset(1).observation();
        for (int t = 0; t < 30; t++) {
            obs = env.step(0).observation();
        }
        int node3Cpu = shop.schema().names().indexOf("node.node-3.cpu");
        obs[node3Cpu] = 1.0; // a spinning process takes node-3; no service notices
        boolean[] mask = env.actionMask();
        int drain = shop.actionSpace().indexOf("drain:node-3");

        Policy alone = LivePolicies.resolve("ppo.shop", shop.schema(), shop.actionSpace());
        BackstopPolicy backed = LivePolicies.withBackstop("ppo.shop", "rules.live", Duration.ofSeconds(10),
                Duration.ofSeconds(1), shop.schema(), shop.actionSpace());
        assertThat(backed.patience()).isEqualTo(10);
        int firstDrain = -1;
        for (int decision = 1; decision <= 30; decision++) {
            assertThat(alone.act(obs.clone(), mask)).as("ppo.shop at decision %d", decision).isZero();
            int a = backed.act(obs.clone(), mask);
            if (a != 0) {
                assertThat(a).isEqualTo(drain);
                assertThat(backed.lastDecidedBy()).isEqualTo("rules.live (backstop)");
                firstDrain = decision;
                break;
            }
        }
        // the rules want 6 readings above 95 % before they ask; then ppo.shop gets 10 decisions to act
        assertThat(firstDrain).isEqualTo(6 + 10);
    }

    @Test
    void aBackstopThatIsThePolicyItselfOrFasterThanOneDecisionIsRefused() {
        assertThatThrownBy(() -> LivePolicies.withBackstop("rules.live", "rules.live", Duration.ofSeconds(10),
                Duration.ofSeconds(1), shop.schema(), shop.actionSpace())).hasMessageContaining("is the policy itself");
        assertThatThrownBy(() -> LivePolicies.withBackstop("ppo.shop", "rules.live", Duration.ofMillis(500),
                Duration.ofSeconds(1), shop.schema(), shop.actionSpace()))
                .hasMessageContaining("--backstop-after 500 ms is shorter than one decision interval");
        assertThatThrownBy(() -> LivePolicies.withBackstop("ppo.shop", "rules.nope", Duration.ofSeconds(10),
                Duration.ofSeconds(1), shop.schema(), shop.actionSpace())).hasMessageContaining("unknown live policy 'rules.nope'");
    }

    @Test
    void aSurplusGatedBundle_needsTheLiveBaselines_andOffersOnlyScaleInAboveThem() {
        assertThatThrownBy(() -> LivePolicies.resolve("dqn.standard", shop.schema(), shop.actionSpace()))
                .hasMessageContaining("symptoms+surplus").hasMessageContaining("baseline replicas");
        Policy dqn = LivePolicies.resolve("dqn.standard", shop.schema(), shop.actionSpace(),
                ScenarioLoader.load("shop").baselineReplicas());
        SimEnvironment env = new SimEnvironment(ScenarioLoader.load("shop"));
        double[] obs = env.reset(1).observation();
        boolean[] mask = env.actionMask();
        assertThat(dqn.act(obs.clone(), mask)).as("a healthy shop at its baseline").isZero();
        // payment healthy at 3 of 3, one above the shop's 2: taking it back is the only remediation on offer
        obs[shop.schema().names().indexOf("payment.ready_replicas")] = 3;
        obs[shop.schema().names().indexOf("payment.desired_replicas")] = 3;
        assertThat(dqn.act(obs.clone(), mask)).isIn(0, shop.actionSpace().indexOf("scale-in:payment"));
    }
}
