package io.autoops.experiments.agents;

import io.autoops.core.healing.strategy.StrategyLibrary;
import io.autoops.env.scenario.Scenario;
import io.autoops.env.scenario.ScenarioLoader;
import io.autoops.env.sim.Simulator;
import io.autoops.experiments.run.EpisodeResult;
import io.autoops.experiments.run.EpisodeRunner;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class AgentPipelineTest {

    record Run(EpisodeResult result, AgentPipeline pipeline) {
    }

    static Run run(String scenario, long seed, long approveAfterMillis) {
        Scenario sc = ScenarioLoader.load(scenario);
        AgentPipeline[] p = new AgentPipeline[1];
        java.util.function.Function<Simulator, io.autoops.core.mdp.Policy> factory =
                sim -> p[0] = new AgentPipeline(sim, StrategyLibrary.seed(), approveAfterMillis);
        EpisodeResult r = EpisodeRunner.run(sc, Simulator.Options.SCENARIO, "agents", factory, seed, null);
        p[0].close();
        return new Run(r, p[0]);
    }

    @Test
    void aCrash_isOneIncidentOfSeveralAlerts_rankedAtItsRoot_restartedAndRecovered() {
        Run run = run("smoke/crash", 1, 30_000);
        assertThat(run.pipeline().incidents()).as("an alert storm of one fault is one incident").singleElement().satisfies(i -> {
            assertThat(i.alerts()).isGreaterThanOrEqualTo(3);
            assertThat(i.rootCauses().get(0)).startsWith("payment ");
            assertThat(i.actions()).singleElement().asString().contains("restart:payment").contains("HEALED");
            assertThat(i.resolvedAt()).isPositive();
        });
        assertThat(run.result().faults()).singleElement().satisfies(f -> assertThat(f.mitigated()).isTrue());
        assertThat(run.result().falsePositives()).isZero();
        assertThat(run.pipeline().busStats()).extracting(io.autoops.core.bus.MessageBus.Stats::name)
                .containsExactly("alerting", "analysis", "alerting-tick", "healing");
        assertThat(run.pipeline().busStats()).allMatch(st -> st.delivered() >= 120 && st.dropped() == 0 && st.failures() == 0);
    }

    @Test
    void aBadDeployment_isRolledBackOnlyOnceTheOperatorApproves() {
        Run approved = run("standard/bad-deploy", 1, 30_000);
        assertThat(approved.pipeline().incidents().get(0).actions())
                .anyMatch(a -> a.contains("rollback:product") && a.contains("approved by simulated-operator") && a.contains("HEALED"));
        assertThat(approved.result().faults().get(0).mitigated()).isTrue();

        Run never = run("standard/bad-deploy", 1, Long.MAX_VALUE / 4);
        assertThat(never.result().actions()).as("an unapproved risky strategy never runs").isZero();
        assertThat(never.pipeline().escalations()).first().asString().contains("approval of rollback-on-errors for service:product timed out");
        assertThat(never.result().faults().get(0).mitigated()).isFalse();
    }

    @Test
    void aFaultFreeControlRaisesNothing_andTheSameSeedGivesTheSameIncidents() {
        Run control = run("standard/control-medium", 1, 30_000);
        assertThat(control.pipeline().incidents()).isEmpty();
        assertThat(control.result().actions()).isZero();

        List<AgentPipeline.Incident> a = run("standard/cpu-hog", 3, 30_000).pipeline().incidents();
        List<AgentPipeline.Incident> b = run("standard/cpu-hog", 3, 30_000).pipeline().incidents();
        assertThat(a).isNotEmpty().isEqualTo(b);
    }
}
