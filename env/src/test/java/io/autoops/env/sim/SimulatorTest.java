package io.autoops.env.sim;

import io.autoops.env.scenario.FaultType;
import io.autoops.env.scenario.Scenario;
import io.autoops.env.scenario.ScenarioLoader;
import org.junit.jupiter.api.Test;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

class SimulatorTest {

    /** Runs a scenario with the given actions at given ticks (no-op otherwise); returns the engine at the end. */
    private static Simulator run(String scenario, Map<Integer, String> script, long seed) {
        return run(ScenarioLoader.load(scenario), Simulator.Options.SCENARIO, script, seed, Integer.MAX_VALUE);
    }

    private static Simulator run(Scenario scenario, Simulator.Options options, Map<Integer, String> script, long seed,
                                 int ticks) {
        Simulator sim = new Simulator(scenario, options);
        sim.reset(seed);
        while (!sim.ended() && sim.tick() < ticks) {
            String label = script.get(sim.tick() + 1);
            int a = label == null ? 0 : sim.actionSpace().indexOf(label);
            if (a < 0) {
                throw new AssertionError("no action " + label);
            }
            if (!sim.isValid(a)) {
                a = 0;
            }
            sim.step(a);
        }
        return sim;
    }

    private static double availability(String scenario, Map<Integer, String> script) {
        Simulator sim = new Simulator(ScenarioLoader.load(scenario));
        sim.reset(1);
        double good = 0;
        double all = 0;
        while (!sim.ended()) {
            String label = script.get(sim.tick() + 1);
            int a = label == null ? 0 : sim.actionSpace().indexOf(label);
            sim.step(sim.isValid(a) ? a : 0);
            good += sim.goodRequests();
            all += sim.requests();
        }
        return good / all;
    }

    private static FaultOutcome only(Simulator sim) {
        List<FaultOutcome> f = sim.faultOutcomes();
        assertThat(f).hasSize(1);
        return f.get(0);
    }

    @Test
    void actionMask_agreesWithSingleActionValidity() {
        for (String scenario : List.of("standard/random-mix", "shop/two-faults", "shop/bad-deploy")) {
            actionMaskAgreesWithValidity(scenario);
        }
    }

    private static void actionMaskAgreesWithValidity(String scenario) {
        Simulator sim = new Simulator(ScenarioLoader.load(scenario));
        sim.reset(4);
        SplittableRandom rng = new SplittableRandom(9);
        boolean[] mask = new boolean[sim.actionSpace().n()];
        while (!sim.ended()) {
            sim.actionMask(mask, 0);
            for (int a = 0; a < mask.length; a++) {
                assertThat(mask[a]).as("action %s at tick %d", sim.actionSpace().label(a), sim.tick()).isEqualTo(sim.isValid(a));
            }
            int a = rng.nextInt(mask.length);
            sim.step(mask[a] && rng.nextDouble() < 0.3 ? a : 0);
        }
    }

    @Test
    void controlScenario_isHealthyAndHasNoFaults() {
        Simulator sim = run("standard/control-medium", Map.of(), 3);
        assertThat(sim.faultOutcomes()).isEmpty();
        assertThat(availability("standard/control-medium", Map.of())).isGreaterThan(0.99);
    }

    @Test
    void conservation_requestsInEqualServedPlusFailedPlusDropped() {
        Simulator sim = new Simulator(ScenarioLoader.load("standard/random-mix"));
        sim.reset(11);
        SplittableRandom rng = new SplittableRandom(3);
        boolean[] mask = new boolean[sim.actionSpace().n()];
        while (!sim.ended()) {
            sim.actionMask(mask, 0);
            int a = rng.nextInt(mask.length);
            sim.step(mask[a] && rng.nextDouble() < 0.2 ? a : 0);
            assertThat(sim.served() + sim.failed() + sim.dropped()).isCloseTo(sim.requests(), within(1e-6 * sim.requests()));
            assertThat(sim.goodRequests()).isLessThanOrEqualTo(sim.served() + 1e-9);
        }
    }

    @Test
    void sameSeed_sameNumbers_otherSeed_otherNumbers() {
        Simulator a = run("standard/random-mix", Map.of(), 5);
        Simulator b = run("standard/random-mix", Map.of(), 5);
        Simulator c = run("standard/random-mix", Map.of(), 6);
        assertThat(a.totalCost()).isEqualTo(b.totalCost());
        assertThat(a.faultOutcomes()).isEqualTo(b.faultOutcomes());
        assertThat(a.faultOutcomes()).isNotEqualTo(c.faultOutcomes());
    }

    @Test
    void crash_withoutLiveness_staysDownUntilRestarted() {
        Scenario s = ScenarioLoader.load("standard/crash");
        Simulator.Options noPlatform = new Simulator.Options(false, false);
        int payment = s.serviceIndex("payment");
        Simulator idle = run(s, noPlatform, Map.of(), 1, 120);
        assertThat(idle.readyReplicas(payment)).isEqualTo(1);
        Simulator healed = run(s, noPlatform, Map.of(62, "restart:payment"), 1, 120);
        assertThat(healed.readyReplicas(payment)).isEqualTo(2);
    }

    @Test
    void crash_withLiveness_isRestartedAfterProbesBackoffAndStartup() {
        Scenario s = ScenarioLoader.load("standard/crash");
        int payment = s.serviceIndex("payment");
        Simulator sim = new Simulator(s);
        sim.reset(1);
        int back = -1;
        while (!sim.ended()) {
            sim.step(0);
            if (sim.tick() > 60 && back < 0 && sim.readyReplicas(payment) == 2) {
                back = sim.tick();
            }
        }
        // onset at tick 60; 3 probes x 10 s + 10 s back-off + 25 s start-up = 65 s = 13 ticks.
        assertThat(back - 60).isBetween(12, 15);
    }

    @Test
    void randomPhase_startsEachEpisodeAtItsSeedsTimeOfDay_andTrafficFollows() {
        double[] shop = {timeOfDayAtStart("shop/control", 1), timeOfDayAtStart("shop/control", 2),
                timeOfDayAtStart("shop/control", 1)};
        assertThat(shop[0]).isEqualTo(shop[2]).isNotEqualTo(shop[1]).isBetween(0.0, 1.0);
        assertThat(timeOfDayAtStart("standard/control-medium", 1)).isZero();
        assertThat(timeOfDayAtStart("standard/control-medium", 2)).isZero();
        // the phase moves the diurnal cycle, not only the feature
        Scenario phased = ScenarioLoader.parse("phase.yaml", """
                name: t/phase
                traffic: {diurnalAmplitude: 0.5, noise: 0, randomPhase: true}
                """);
        double[] starts = new double[2];
        double[] requests = new double[2];
        for (int seed = 1; seed <= 2; seed++) {
            Simulator sim = new Simulator(phased);
            sim.reset(seed);
            double[] obs = new double[sim.observationSize()];
            sim.observe(obs, 0);
            starts[seed - 1] = obs[obs.length - 1];
            sim.step(0);
            sim.observe(obs, 0);
            requests[seed - 1] = obs[0];
        }
        double expected = (1 + 0.5 * Math.sin(2 * Math.PI * starts[0])) / (1 + 0.5 * Math.sin(2 * Math.PI * starts[1]));
        assertThat(requests[0] / requests[1]).isCloseTo(expected, org.assertj.core.data.Offset.offset(0.05));
    }

    @Test
    void initialDeployAge_defaultsToHalfAnHourOrMore_theShopMayHaveJustStarted() {
        double youngestStandard = Double.MAX_VALUE;
        double youngestShop = Double.MAX_VALUE;
        for (long seed = 1; seed <= 20; seed++) {
            youngestStandard = Math.min(youngestStandard, minDeployAgeAtStart("standard/control-medium", seed));
            youngestShop = Math.min(youngestShop, minDeployAgeAtStart("shop/control", seed));
        }
        assertThat(youngestStandard).isGreaterThanOrEqualTo(1800);
        assertThat(youngestShop).isLessThan(1800);
    }

    private static double minDeployAgeAtStart(String scenario, long seed) {
        Scenario sc = ScenarioLoader.load(scenario);
        double[] obs = observationAtStart(sc, seed);
        int age = new Simulator(sc).schema().indexOf("gateway.time_since_deploy");
        double min = Double.MAX_VALUE;
        for (int s = 0; s < sc.services().size(); s++) {
            min = Math.min(min, obs[age + s * SimSpaces.SF]);
        }
        return min;
    }

    private static double timeOfDayAtStart(String scenario, long seed) {
        double[] obs = observationAtStart(ScenarioLoader.load(scenario), seed);
        return obs[obs.length - 1];
    }

    private static double[] observationAtStart(Scenario scenario, long seed) {
        Simulator sim = new Simulator(scenario);
        sim.reset(seed);
        double[] obs = new double[sim.observationSize()];
        sim.observe(obs, 0);
        return obs;
    }

    @Test
    void restart_withAnInstanceDown_startsOnlyThatOne_likeTheLiveActuators() {
        Scenario s = ScenarioLoader.load("standard/crash");
        Simulator.Options noPlatform = new Simulator.Options(false, false);
        int payment = s.serviceIndex("payment");
        Simulator sim = run(s, noPlatform, Map.of(), 1, 62);
        assertThat(sim.readyReplicas(payment)).isEqualTo(1);
        sim.step(sim.actionSpace().indexOf("restart:payment"));
        int ticks = 1;
        while (sim.readyReplicas(payment) < 2) {
            // the healthy instance is not restarted: it serves throughout
            assertThat(sim.readyReplicas(payment)).isEqualTo(1);
            sim.step(0);
            ticks++;
        }
        // one start-up (25 s at 5 s ticks), not a roll through both instances
        assertThat(ticks).isEqualTo(5);
        assertThat(sim.isValid(sim.actionSpace().indexOf("restart:payment"))).as("no roll in progress").isTrue();
        for (int i = 0; i < 10; i++) {
            sim.step(0);
            assertThat(sim.readyReplicas(payment)).as("nothing else restarts").isEqualTo(2);
        }
    }

    @Test
    void restart_takesStartupTimeBeforeTheInstanceIsReady() {
        Scenario s = ScenarioLoader.load("standard/control-medium");
        int payment = s.serviceIndex("payment");
        Simulator sim = new Simulator(s);
        sim.reset(1);
        sim.step(sim.actionSpace().indexOf("restart:payment"));
        assertThat(sim.readyReplicas(payment)).isEqualTo(1); // one instance restarting at a time
        assertThat(sim.isValid(sim.actionSpace().indexOf("restart:payment"))).isFalse(); // until the roll is done
        int ticks = 1;
        while (sim.readyReplicas(payment) < 2) {
            sim.step(0);
            ticks++;
        }
        // Rolling, one instance at a time: 2 instances x 25 s start-up at 5 s ticks.
        assertThat(ticks).isEqualTo(10);
    }

    @Test
    void scaleOut_addsAReplicaAfterStartup_andIsMaskedWhenNodesAreFull() {
        Scenario s = ScenarioLoader.load("standard/control-medium");
        int rec = s.serviceIndex("recommendation");
        Simulator sim = new Simulator(s);
        sim.reset(1);
        int out = sim.actionSpace().indexOf("scale-out:recommendation");
        sim.step(out);
        assertThat(sim.desiredReplicas(rec)).isEqualTo(4);
        assertThat(sim.readyReplicas(rec)).isEqualTo(3);
        for (int t = 0; t < 6; t++) {
            sim.step(0);
        }
        assertThat(sim.readyReplicas(rec)).isEqualTo(4);
        // Fill the nodes: recommendation instances need 1.2 GB each.
        while (sim.isValid(out)) {
            sim.step(out);
        }
        assertThat(sim.desiredReplicas(rec)).isLessThanOrEqualTo(8);
        assertThatThrownBy(() -> sim.step(out)).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("masked");
    }

    @Test
    void badDeploy_recoversOnlyWithRollback() {
        Simulator restarted = run("standard/bad-deploy", Map.of(65, "restart:product"), 1);
        Simulator rolledBack = run("standard/bad-deploy", Map.of(65, "rollback:product"), 1);
        assertThat(only(restarted).mitigated()).isFalse();
        assertThat(only(rolledBack).mitigated()).isTrue();
        assertThat(only(rolledBack).correctSeconds()).isEqualTo(325.0);
        assertThat(availability("standard/bad-deploy", Map.of(65, "rollback:product")))
                .isGreaterThan(availability("standard/bad-deploy", Map.of(65, "restart:product")) + 0.2);
    }

    @Test
    void crashLoop_restartDoesNotHelp_rollbackDoes() {
        assertThat(only(run("standard/crash-loop", Map.of(65, "restart:order"), 1)).mitigated()).isFalse();
        FaultOutcome fixed = only(run("standard/crash-loop", Map.of(65, "rollback:order"), 1));
        assertThat(fixed.mitigated()).isTrue();
        assertThat(fixed.activeAtEnd()).isFalse();
    }

    @Test
    void memoryLeak_endsInOomRestarts_rollbackStopsThem() {
        Scenario s = ScenarioLoader.load("standard/memory-leak");
        int product = s.serviceIndex("product");
        Simulator sim = new Simulator(s);
        sim.reset(1);
        double[] obs = new double[sim.observationSize()];
        double maxRestarts = 0;
        double maxMemory = 0;
        while (!sim.ended()) {
            sim.step(0);
            sim.observe(obs, 0);
            maxRestarts = Math.max(maxRestarts, obs[product * SimSpaces.SF + 8]);
            maxMemory = Math.max(maxMemory, obs[product * SimSpaces.SF + 5]);
        }
        assertThat(maxMemory).isGreaterThan(0.9);
        assertThat(maxRestarts).isGreaterThanOrEqualTo(2); // OOM kills, restarted by the platform
        assertThat(only(sim).activeAtEnd()).isTrue();
        FaultOutcome fixed = only(run("standard/memory-leak", Map.of(55, "rollback:product"), 1));
        assertThat(fixed.activeAtEnd()).isFalse();
        assertThat(fixed.impact()).isFalse(); // rolled back before the first OOM
    }

    @Test
    void cpuHog_drainingTheNodeRecoversSooner() {
        FaultOutcome waited = only(run("standard/cpu-hog", Map.of(), 1));
        FaultOutcome drained = only(run("standard/cpu-hog", Map.of(62, "drain:node-2"), 1));
        assertThat(drained.mttrSeconds()).isLessThan(waited.mttrSeconds() / 3);
    }

    @Test
    void nodeFailure_drainBeatsTheEvictionTimeout() {
        FaultOutcome waited = only(run("standard/node-failure", Map.of(), 1));
        FaultOutcome drained = only(run("standard/node-failure", Map.of(62, "drain:node-1"), 1));
        assertThat(waited.mttrSeconds()).isGreaterThanOrEqualTo(300); // pod eviction timeout
        assertThat(drained.mttrSeconds()).isLessThan(waited.mttrSeconds() / 2);
    }

    @Test
    void latency_restartFixesIt() {
        FaultOutcome waited = only(run("standard/latency", Map.of(), 1));
        FaultOutcome restarted = only(run("standard/latency", Map.of(62, "restart:user"), 1));
        assertThat(waited.activeAtEnd()).isTrue();
        assertThat(restarted.activeAtEnd()).isFalse();
        assertThat(restarted.mitigated()).isTrue();
    }

    @Test
    void trafficSpike_scalingOutServesMore() {
        Map<Integer, String> scale = new HashMap<>();
        String[] services = {"gateway", "product", "user", "order", "payment", "recommendation"};
        for (int t = 61; t <= 78; t++) {
            scale.put(t, "scale-out:" + services[t % services.length]);
        }
        assertThat(availability("standard/traffic-spike", scale))
                .isGreaterThan(availability("standard/traffic-spike", Map.of()) + 0.05);
    }

    @Test
    void dependencyOutage_circuitBreakerProtectsTheCallers() {
        assertThat(availability("standard/dependency-outage", Map.of(61, "shed-load:payment")))
                .isGreaterThanOrEqualTo(availability("standard/dependency-outage", Map.of()));
    }

    @Test
    void groundTruth_detectionAndFalsePositives() {
        Simulator sim = run("standard/crash", Map.of(10, "restart:user", 63, "restart:payment"), 1);
        FaultOutcome f = only(sim);
        assertThat(f.type()).isEqualTo(FaultType.CRASH);
        assertThat(f.onsetSeconds()).isEqualTo(300);
        assertThat(f.mttdSeconds()).isEqualTo(15); // tick 63 - onset 60, at 5 s per tick
        Simulator control = new Simulator(ScenarioLoader.load("standard/control-medium"));
        control.reset(1);
        control.step(control.actionSpace().indexOf("restart:user"));
        assertThat(control.lastActionFalsePositive()).isTrue();
    }

    @Test
    void hpa_scalesOutUnderASpike() {
        Scenario s = ScenarioLoader.load("standard/traffic-spike");
        Simulator sim = run(s, Simulator.Options.withHpa(), Map.of(), 1, 80);
        assertThat(sim.desiredReplicas(0)).isGreaterThan(3);
    }

    @Test
    void jointStep_competingScaleOutsOnFullNodesAreConflicts() {
        // One node with room for exactly one more instance of either service.
        Scenario s = ScenarioLoader.parse("tiny", """
                name: tiny
                base: none
                tickSeconds: 5
                episodeTicks: 10
                topology:
                  services:
                    - {name: front, capacity: 100, baseLatencyMs: 5, sloMs: 100, timeoutMs: 200, memoryMb: 100,
                       memoryLimitMb: 200, cpu: 0.5, startupSeconds: 5, minReplicas: 1, maxReplicas: 4, replicas: 2,
                       dependencies: [{service: back}]}
                    - {name: back, capacity: 100, baseLatencyMs: 5, sloMs: 100, timeoutMs: 200, memoryMb: 100,
                       memoryLimitMb: 200, cpu: 0.5, startupSeconds: 5, minReplicas: 1, maxReplicas: 4, replicas: 2}
                  nodes: [{name: only, cpu: 4, memoryMb: 500}]
                traffic: {baseRps: 50, diurnalAmplitude: 0, diurnalPeriodSeconds: 60, noise: 0, flashCrowdsPerHour: 0,
                          flashCrowdMultiplier: 1, flashCrowdSeconds: 0, retries: 0}
                platform: {liveness: true, hpa: false, hpaTargetCpu: 0.7}
                reward: {availability: 1, cost: 0.1, disruption: 0.01}
                recovery: {sloThreshold: 0.9, settleSeconds: 10}
                """);
        Simulator sim = new Simulator(s);
        sim.reset(1);
        int front = sim.actionSpace().indexOf("scale-out:front");
        int back = sim.actionSpace().indexOf("scale-out:back");
        assertThat(sim.isValid(front)).isTrue();
        assertThat(sim.isValid(back)).isTrue();
        sim.stepJoint(new int[] {front, back});
        int conflicts = sim.conflicts();
        assertThat(sim.desiredReplicas(0) + sim.desiredReplicas(1)).isEqualTo(5); // only one of them got the room
        assertThat(conflicts).isEqualTo(1);
    }

    @Test
    void scaleIn_removesAReplicaAtOnce_andLowersTheCost() {
        Scenario s = ScenarioLoader.load("standard/control-medium");
        int product = s.serviceIndex("product");
        Simulator kept = new Simulator(s);
        kept.reset(1);
        Simulator shrunk = new Simulator(s);
        shrunk.reset(1);
        kept.step(0);
        shrunk.step(shrunk.actionSpace().indexOf("scale-in:product"));
        assertThat(shrunk.desiredReplicas(product)).isEqualTo(3);
        assertThat(shrunk.readyReplicas(product)).isEqualTo(3);
        assertThat(shrunk.instances()).isEqualTo(kept.instances() - 1);
        for (int t = 0; t < 20; t++) {
            kept.step(0);
            shrunk.step(0);
        }
        assertThat(shrunk.totalCost()).isLessThan(kept.totalCost());
        // at the minimum, scale-in is masked
        Simulator min = new Simulator(s);
        min.reset(1);
        int in = min.actionSpace().indexOf("scale-in:payment");
        assertThat(min.isValid(in)).isFalse(); // payment starts at its minimum of 2
    }

    @Test
    void redundancyWeight_chargesLostInstancesEvenWhenNoRequestIsLost() {
        // The shop at 20 req/s: one payment instance carries the load, so a crash costs no request.
        String crash = """
                base: shop
                history: {extraReplicas: 0}
                faults:
                  - {type: crash, target: payment/0, onsetSeconds: 10}
                """;
        Simulator valued = new Simulator(ScenarioLoader.parse("valued", crash));
        Simulator ignored = new Simulator(ScenarioLoader.parse("ignored", crash + "reward: {redundancy: 0}\n"));
        valued.reset(1);
        ignored.reset(1);
        for (int t = 0; t < 6; t++) {
            valued.step(0);
            ignored.step(0);
        }
        assertThat(valued.readyReplicas(valued.scenario().serviceIndex("payment"))).isEqualTo(1);
        assertThat(valued.goodRequests()).isCloseTo(valued.requests(), within(1e-9));
        // the weight x (1 of payment's 2 instances missing) / 6 services
        double weight = valued.scenario().spec().reward().redundancy();
        assertThat(weight).isPositive();
        assertThat(ignored.reward() - valued.reward()).isCloseTo(weight * 0.5 / 6, within(1e-12));

        // A new instance beside the dead one is no way around it either: 2 of 3 ready, as live health reads it.
        for (Simulator sim : List.of(valued, ignored)) {
            sim.step(sim.actionSpace().indexOf("scale-out:payment"));
            for (int t = 0; t < 10; t++) {
                sim.step(0);
            }
        }
        assertThat(valued.readyReplicas(valued.scenario().serviceIndex("payment"))).isEqualTo(2);
        assertThat(ignored.reward() - valued.reward()).isCloseTo(weight / 3 / 6, within(1e-12));

        // Scaling in below the scenario's replicas is lost redundancy too, not a way around it.
        Simulator shrunk = new Simulator(ScenarioLoader.parse("valued", "base: shop\n"));
        Simulator free = new Simulator(ScenarioLoader.parse("ignored", "base: shop\nreward: {redundancy: 0}\n"));
        for (Simulator sim : List.of(shrunk, free)) {
            sim.reset(1);
            sim.step(sim.actionSpace().indexOf("scale-in:order"));
            sim.step(0);
        }
        assertThat(free.reward() - shrunk.reward()).isCloseTo(weight * 0.5 / 6, within(1e-12));
        assertThat(ScenarioLoader.load("standard/crash").spec().reward().redundancy())
                .as("the standard scenarios leave the term out").isZero();
    }

    @Test
    void aNodeStarvedByAHog_costsTheRedundancyOfItsInstances_untilDrained() {
        // At 20 req/s the hog costs no request; the instances on its node could not carry a failed peer's share.
        String hog = """
                base: shop
                faults:
                  - {type: cpu-hog, target: node-1, onsetSeconds: 10}
                """;
        Simulator valued = new Simulator(ScenarioLoader.parse("valued", hog));
        Simulator ignored = new Simulator(ScenarioLoader.parse("ignored", hog + "reward: {redundancy: 0}\n"));
        Simulator quiet = new Simulator(ScenarioLoader.parse("quiet", "base: shop\n"));
        for (Simulator sim : List.of(valued, ignored, quiet)) {
            sim.reset(1);
            for (int t = 0; t < 6; t++) {
                sim.step(0);
            }
        }
        assertThat(valued.goodRequests()).isCloseTo(valued.requests(), within(1e-9));
        double weight = valued.scenario().spec().reward().redundancy();
        assertThat(ignored.reward() - valued.reward()).as("instances on node-1 count as missing").isGreaterThan(weight / 12);
        assertThat(quiet.reward()).as("no redundancy is lost without the hog").isCloseTo(ignored.reward(), within(1e-3));

        valued.step(valued.actionSpace().indexOf("drain:node-1"));
        ignored.step(ignored.actionSpace().indexOf("drain:node-1"));
        for (int t = 0; t < 12; t++) {
            valued.step(0);
            ignored.step(0);
        }
        assertThat(ignored.reward() - valued.reward()).as("drained: its instances run elsewhere").isCloseTo(0, within(1e-12));

        // The shop's own hog (shop/cpu-hog: 0.58 core) fills the node without slowing its requests, as live.
        Simulator shopHog = new Simulator(ScenarioLoader.parse("shop hog", """
                base: shop
                faults:
                  - {type: cpu-hog, target: node-1, onsetSeconds: 10, severity: 0.58}
                """));
        shopHog.reset(1);
        for (int t = 0; t < 6; t++) {
            shopHog.step(0);
        }
        double[] hogged = new double[shopHog.schema().size()];
        double[] calm = new double[quiet.schema().size()];
        shopHog.observe(hogged, 0);
        quiet.observe(calm, 0);
        int nodeCpu = shopHog.schema().indexOf("node.node-1.cpu");
        assertThat(hogged[nodeCpu]).isGreaterThanOrEqualTo(0.95);
        assertThat(calm[nodeCpu]).isLessThan(0.3);
        for (String svc : List.of("gateway", "user", "product", "order", "payment", "recommendation")) {
            int cpu = shopHog.schema().indexOf(svc + ".cpu");
            assertThat(hogged[cpu]).as("%s busy share", svc).isCloseTo(calm[cpu], within(0.25 * calm[cpu] + 1e-9));
        }
        assertThat(quiet.reward() - shopHog.reward()).as("its instances' redundancy is lost").isGreaterThan(weight / 12);
    }

    @Test
    void randomFaults_takeTheScenariosSeverity_andAWrongOneIsNamed() {
        Scenario s = ScenarioLoader.load("shop/bad-deploy");
        assertThat(s.spec().randomFaults().severityOf(FaultType.BAD_DEPLOY)).isEqualTo(0.6);
        assertThat(s.spec().randomFaults().severityOf(FaultType.CRASH))
                .isEqualTo(FaultType.CRASH.defaultSeverity());
        assertThatThrownBy(() -> ScenarioLoader.parse("bad", """
                base: shop
                randomFaults: {count: 1, types: [crash], earliestSeconds: 60, latestSeconds: 600, severities: {bad-deploy: 0.6}}
                """)).hasMessageContaining("randomFaults.severities.bad-deploy").hasMessageContaining("not one of randomFaults.types");
        assertThatThrownBy(() -> ScenarioLoader.parse("bad", """
                base: shop
                randomFaults: {count: 1, types: [bad-deploy], earliestSeconds: 60, latestSeconds: 600, severities: {bad-deploy: -1}}
                """)).hasMessageContaining("randomFaults.severities.bad-deploy").hasMessageContaining("must be positive");
    }

    @Test
    void history_startsEpisodesWithEarlierIncidentsRestarts_seededAndValidated() {
        Simulator quiet = new Simulator(ScenarioLoader.parse("quiet", "base: shop\nhistory: {recentRestarts: 0}\n"));
        Simulator shop = new Simulator(ScenarioLoader.load("shop"));
        assertThat(shop.scenario().spec().history().recentRestarts()).isEqualTo(2);
        java.util.Set<Double> seen = new java.util.TreeSet<>();
        for (long seed = 1; seed <= 20; seed++) {
            quiet.reset(seed);
            shop.reset(seed);
            double[] q = new double[quiet.schema().size()];
            double[] h = new double[shop.schema().size()];
            quiet.observe(q, 0);
            shop.observe(h, 0);
            for (String svc : shop.scenario().services()) {
                int i = shop.schema().indexOf(svc + ".restarts_recent");
                assertThat(q[i]).as("a quiet past: %s", svc).isZero();
                double count = Math.round(h[i]);
                assertThat(count).as("%s, seed %d", svc, seed).isIn(0.0, 1.0, 2.0);
                assertThat(h[i]).as("one tick of the window's decay").isCloseTo(count, within(0.05));
                seen.add(count);
            }
        }
        assertThat(seen).as("every count from 0 to 2 is drawn").containsExactly(0.0, 1.0, 2.0);
        double[] a = new double[shop.schema().size()];
        double[] b = new double[shop.schema().size()];
        shop.reset(7);
        shop.observe(a, 0);
        shop.reset(7);
        shop.observe(b, 0);
        assertThat(b).as("the same seed, the same past").containsExactly(a);
        for (int t = 0; t < 120; t++) {
            shop.step(0);
        }
        shop.observe(b, 0);
        for (String svc : shop.scenario().services()) {
            int i = shop.schema().indexOf(svc + ".restarts_recent");
            assertThat(b[i]).as("%s: ten minutes later the count has decayed", svc).isLessThanOrEqualTo(a[i] * 0.2 + 1e-12);
        }
        assertThatThrownBy(() -> ScenarioLoader.parse("bad", "base: shop\nhistory: {recentRestarts: 11}\n"))
                .hasMessageContaining("history.recentRestarts").hasMessageContaining("must be in [0, 10], got 11");
    }

    @Test
    void breachesWeight_chargesEachServiceOverItsSlo_untilTheRootIsFixed() {
        // One slow product instance: the gateway loses few requests, but product, its callers order and the
        // gateway, and recommendation (at its timeout) read p99s over their SLOs, as the live health check sees them.
        String slow = """
                base: shop
                history: {extraReplicas: 0}
                faults:
                  - {type: latency, target: product/1, onsetSeconds: 10, severity: 400}
                """;
        Simulator valued = new Simulator(ScenarioLoader.parse("valued", slow));
        Simulator ignored = new Simulator(ScenarioLoader.parse("ignored", slow + "reward: {breaches: 0}\n"));
        double weight = valued.scenario().spec().reward().breaches();
        assertThat(weight).isPositive();
        valued.reset(1);
        ignored.reset(1);
        valued.step(0);
        ignored.step(0);
        assertThat(valued.reward()).as("before the fault no service breaks its SLO").isEqualTo(ignored.reward());
        for (int t = 0; t < 5; t++) {
            valued.step(0);
            ignored.step(0);
        }
        assertThat(ignored.reward() - valued.reward()).isCloseTo(weight * 4 / 6, within(1e-12));
        for (Simulator sim : List.of(valued, ignored)) {
            sim.step(sim.actionSpace().indexOf("restart:product"));
            for (int t = 0; t < 30; t++) {
                sim.step(0);
            }
        }
        assertThat(valued.reward()).as("restarted: every service within its SLO again").isEqualTo(ignored.reward());
        assertThatThrownBy(() -> ScenarioLoader.parse("bad", "base: shop\nreward: {breaches: -1}\n"))
                .hasMessageContaining("reward.breaches");
    }

    @Test
    void history_startsEpisodesWithEarlierScaleOuts_readyAndCounted_seededAndValidated() {
        Simulator quiet = new Simulator(ScenarioLoader.parse("quiet", "base: shop\nhistory: {recentRestarts: 2, extraReplicas: 0}\n"));
        Simulator shop = new Simulator(ScenarioLoader.load("shop"));
        assertThat(shop.scenario().spec().history().extraReplicas()).isEqualTo(1);
        java.util.Set<Double> seen = new java.util.TreeSet<>();
        double[] q = new double[quiet.schema().size()];
        double[] h = new double[shop.schema().size()];
        for (long seed = 1; seed <= 20; seed++) {
            quiet.reset(seed);
            shop.reset(seed);
            quiet.observe(q, 0);
            shop.observe(h, 0);
            for (String svc : shop.scenario().services()) {
                int ready = shop.schema().indexOf(svc + ".ready_replicas");
                int desired = shop.schema().indexOf(svc + ".desired_replicas");
                assertThat(q[ready]).as("a quiet past: %s", svc).isEqualTo(2);
                assertThat(h[ready]).as("%s, seed %d: its 2 instances or one more, ready", svc, seed).isIn(2.0, 3.0);
                assertThat(h[desired]).as("%s wants what runs", svc).isEqualTo(h[ready]);
                seen.add(h[ready]);
            }
            for (String svc : shop.scenario().services()) {
                int i = shop.schema().indexOf(svc + ".restarts_recent");
                assertThat(h[i]).as("%s: drawn before the extra instances, the same restart count", svc).isEqualTo(q[i]);
            }
        }
        assertThat(seen).as("both are drawn").containsExactly(2.0, 3.0);
        double[] a = new double[shop.schema().size()];
        shop.reset(7);
        shop.observe(a, 0);
        shop.reset(7);
        shop.observe(h, 0);
        assertThat(h).as("the same seed, the same past").containsExactly(a);
        for (int t = 0; t < 60; t++) {
            shop.step(0);
        }
        shop.observe(h, 0);
        for (String svc : shop.scenario().services()) {
            int ready = shop.schema().indexOf(svc + ".ready_replicas");
            assertThat(h[ready]).as("%s: the extra instances serve on (nobody scales them in)", svc).isEqualTo(a[ready]);
        }
        assertThatThrownBy(() -> ScenarioLoader.parse("bad", "base: shop\nhistory: {extraReplicas: -1}\n"))
                .hasMessageContaining("history.extraReplicas").hasMessageContaining("must be in [0, 10], got -1");
    }

    @Test
    void measurement_showsNoisyRatesAndSwingingHeaps_withoutChangingTheSystem() {
        Simulator exact = new Simulator(ScenarioLoader.parse("exact", "base: shop\nmeasurement: {rateWindowSeconds: 0, heapSawtooth: 0, latencyTail: 0, latencyError: 0}\n"));
        Simulator shop = new Simulator(ScenarioLoader.load("shop"));
        assertThat(shop.scenario().spec().measurement().rateWindowSeconds()).isEqualTo(5.0);
        exact.reset(11);
        shop.reset(11);
        double[] e = new double[exact.schema().size()];
        double[] m = new double[shop.schema().size()];
        int rate = shop.schema().indexOf("order.request_rate");
        int mem = shop.schema().indexOf("gateway.memory");
        int nodeMem = shop.schema().indexOf("node.node-1.memory");
        double sumDiff = 0;
        double sumSq = 0;
        double memLow = 1;
        double memHigh = 0;
        int ticks = 300;
        double tailSum = 0;
        for (int t = 0; t < ticks; t++) {
            exact.step(0);
            shop.step(0);
            assertThat(shop.reward()).as("tick %d: measuring changes nothing the system does", t).isEqualTo(exact.reward());
            exact.observe(e, 0);
            shop.observe(m, 0);
            sumDiff += m[rate] - e[rate];
            sumSq += (m[rate] - e[rate]) * (m[rate] - e[rate]);
            memLow = Math.min(memLow, m[mem]);
            memHigh = Math.max(memHigh, m[mem]);
            assertThat(e[mem]).as("exactly: the resting heap").isCloseTo(0.25, within(1e-9));
            assertThat(m[nodeMem]).isBetween(0.0, 1.0);
            for (String svc : shop.scenario().services()) {
                int p50 = shop.schema().indexOf(svc + ".p50_latency_ratio");
                int p99 = p50 + 1;
                assertThat(e[p99]).as("exactly: %s's service times do not vary at rest", svc).isCloseTo(e[p50], within(1e-9));
                assertThat(m[p99]).as("measured: %s's p99 not below its p50", svc).isGreaterThanOrEqualTo(m[p50]);
                tailSum += m[p99] - m[p50];
                assertThat(m[p50] / e[p50]).as("%s's p50 reading within its buckets", svc).isBetween(0.2, 5.0);
            }
        }
        assertThat(tailSum / ticks).as("on average the p99 reads above the p50").isGreaterThan(0.01);
        double sd = Math.sqrt(sumSq / ticks);
        assertThat(sd).as("order's ~6 req/s counted over 5 s: sd sqrt(6/5)").isBetween(0.8, 1.4);
        assertThat(Math.abs(sumDiff / ticks)).as("unbiased").isLessThan(0.25);
        assertThat(memLow).as("a heap between collections: 12-38 %% of its limit").isBetween(0.12, 0.2);
        assertThat(memHigh).isBetween(0.3, 0.38);
        double[] again = new double[shop.schema().size()];
        shop.reset(11);
        shop.step(0);
        shop.observe(m, 0);
        shop.reset(11);
        shop.step(0);
        shop.observe(again, 0);
        assertThat(again).as("the same seed, the same readings").containsExactly(m);
        assertThatThrownBy(() -> ScenarioLoader.parse("bad", "base: shop\nmeasurement: {heapSawtooth: 2.5}\n"))
                .hasMessageContaining("measurement.heapSawtooth").hasMessageContaining("must be in [0, 2), got 2.5");
        assertThatThrownBy(() -> ScenarioLoader.parse("bad", "base: shop\nmeasurement: {rateWindowSeconds: -5}\n"))
                .hasMessageContaining("measurement.rateWindowSeconds");
        assertThatThrownBy(() -> ScenarioLoader.parse("bad", "base: shop\nmeasurement: {latencyError: 3}\n"))
                .hasMessageContaining("measurement.latencyError").hasMessageContaining("must be in [0, 1], got 3.0");
    }

    @Test
    void parallelCalls_waitForTheSlowestDependency_notTheirSum() {
        String exact = "measurement: {rateWindowSeconds: 0, heapSawtooth: 0, latencyTail: 0, latencyError: 0}\n";
        Simulator parallel = new Simulator(ScenarioLoader.parse("parallel", "base: shop\n" + exact));
        Simulator serial = new Simulator(ScenarioLoader.parse("serial", "base: shop\ntopology: {parallelCalls: false}\n" + exact));
        assertThat(parallel.scenario().spec().topology().parallelCalls()).isTrue();
        parallel.reset(1);
        serial.reset(1);
        parallel.step(0);
        serial.step(0);
        double[] p = new double[parallel.schema().size()];
        double[] s = new double[serial.schema().size()];
        parallel.observe(p, 0);
        serial.observe(s, 0);
        int order = parallel.schema().indexOf("order.p50_latency_ratio");
        // order (25 ms) calls payment (40 ms) and product (15 ms) on every request; its SLO is 250 ms
        assertThat(p[order] * 250).as("25 + max(40, 15)").isCloseTo(65, within(1.0));
        assertThat(s[order] * 250).as("25 + 40 + 15").isCloseTo(80, within(1.0));
        // the gateway (8 ms) calls user and product always, recommendation always, order for 30 % of requests:
        // the expected slowest is 0.3 * order's 65 + 0.7 * recommendation's 30 + half of product's 15
        int gateway = parallel.schema().indexOf("gateway.p50_latency_ratio");
        assertThat(p[gateway] * 400).isCloseTo(8 + 0.3 * 65 + 0.7 * 37.5, within(1.5));
        assertThat(s[gateway] * 400).isGreaterThan(p[gateway] * 400 + 30);
    }

    @Test
    void rollbackNeedsDeploy_aRollBackNeedsAnOlderVersion() {
        Scenario shop = ScenarioLoader.parse("bad deploy in the shop", """
                base: shop
                faults:
                  - {type: bad-deploy, target: order, onsetSeconds: 10, severity: 0.6}
                """);
        assertThat(shop.spec().platform().rollbackNeedsDeploy()).isTrue();
        Simulator sim = new Simulator(shop);
        sim.reset(1);
        int rollback = sim.actionSpace().indexOf("rollback:order");
        assertThat(sim.isValid(rollback)).as("nothing deployed yet: nothing to roll back to").isFalse();
        sim.step(sim.actionSpace().indexOf("restart:payment"));
        for (int t = 0; t < 15; t++) {
            sim.step(0); // the restart rolls through payment's instances; order's bad version arrives
        }
        assertThat(sim.isValid(sim.actionSpace().indexOf("restart:payment"))).as("the restart is over").isTrue();
        assertThat(sim.isValid(sim.actionSpace().indexOf("rollback:payment"))).as("a restart deploys nothing").isFalse();
        assertThat(sim.isValid(rollback)).as("the bad version has an older one").isTrue();
        sim.step(rollback);
        for (int t = 0; t < 20; t++) {
            sim.step(0);
        }
        assertThat(sim.errorRate(shop.serviceIndex("order"))).isLessThan(0.01);
        assertThat(sim.isValid(rollback)).as("rolled back: the older version is gone").isFalse();
        Simulator standard = new Simulator(ScenarioLoader.load("standard/control-medium"));
        standard.reset(1);
        assertThat(standard.isValid(standard.actionSpace().indexOf("rollback:order"))).as("the default: always possible").isTrue();
    }

    @Test
    void retryStorm_clientsAmplifyTheLoadOnTheSlowService() {
        Scenario s = ScenarioLoader.load("standard/retry-storm");
        int product = s.serviceIndex("product");
        Simulator sim = new Simulator(s);
        sim.reset(1);
        double[] obs = new double[sim.observationSize()];
        double before = 0;
        double during = 0;
        while (sim.tick() < 64) {
            sim.step(0);
            sim.observe(obs, 0);
            double load = obs[product * SimSpaces.SF];          // product.request_rate
            double external = obs[0];                            // gateway.request_rate
            if (sim.tick() == 59) {
                before = load / external;
            }
            if (sim.tick() == 63) {
                during = load / external;
            }
        }
        // retries of the failing calls add load beyond what the callers' own traffic explains
        assertThat(during).isGreaterThan(1.5 * before);
    }
}
