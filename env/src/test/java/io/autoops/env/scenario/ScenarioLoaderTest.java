package io.autoops.env.scenario;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ScenarioLoaderTest {

    @TempDir
    Path dir;

    private Path file(String text) throws IOException {
        Path p = dir.resolve("bad.yaml");
        Files.writeString(p, text);
        return p;
    }

    @Test
    void everyBundledScenarioAndSuite_loads() {
        for (String name : BundledScenarios.names()) {
            assertThat(ScenarioLoader.load(name).name()).isEqualTo(name);
        }
        assertThat(Suite.load("standard").scenarios()).hasSizeGreaterThanOrEqualTo(15);
        assertThat(Suite.load("smoke").scenarios()).hasSize(3);
    }

    @Test
    void standardSuite_coversEveryFaultTypeAndHasControls() {
        Suite standard = Suite.load("standard");
        java.util.Set<FaultType> types = new java.util.HashSet<>();
        standard.scenarios().forEach(s -> s.faults().forEach(f -> types.add(f.type())));
        assertThat(types).containsExactlyInAnyOrder(FaultType.values());
        assertThat(standard.scenarios()).filteredOn(Scenario::faultFree).hasSizeGreaterThanOrEqualTo(2);
        assertThat(standard.scenarios()).anyMatch(s -> s.faults().size() >= 2);
        assertThat(standard.scenarios().stream().map(s -> s.spec().traffic().baseRps()).distinct().count())
                .isGreaterThanOrEqualTo(3);
    }

    @Test
    void load_inheritsTheBaseAndOverridesWhatItSays() throws IOException {
        Scenario s = ScenarioLoader.load(file("name: mine\ntraffic: {baseRps: 123}\n"));
        assertThat(s.spec().traffic().baseRps()).isEqualTo(123);
        assertThat(s.spec().traffic().diurnalPeriodSeconds()).isEqualTo(3600); // from the base
        assertThat(s.services()).containsExactly("gateway", "user", "product", "order", "payment", "recommendation");
        assertThat(s.nodes()).hasSizeGreaterThanOrEqualTo(3);
    }

    @Test
    void unknownField_isNamedWithItsLine() throws IOException {
        Path p = file("name: x\ntraffic:\n  baseRps: 100\n  burstyness: 3\n");
        assertThatThrownBy(() -> ScenarioLoader.load(p))
                .isInstanceOf(ScenarioException.class)
                .hasMessageContaining(p + ":4: unknown field 'burstyness' in traffic");
    }

    @Test
    void deployAgeOutOfRange_isNamedWithItsLine() throws IOException {
        Path p = file("name: x\ndeploys:\n  perHour: 1\n  initialAgeMinSeconds: 4000\n");
        assertThatThrownBy(() -> ScenarioLoader.load(p))
                .isInstanceOf(ScenarioException.class)
                .hasMessageContaining(p + ":4: field 'deploys.initialAgeMinSeconds' must be in [0, 3600), got 4000.0");
    }

    @Test
    void wrongType_isNamedWithItsLine() throws IOException {
        Path p = file("name: x\ntraffic:\n  baseRps: lots\n");
        assertThatThrownBy(() -> ScenarioLoader.load(p))
                .hasMessageContaining(p + ":3: field 'traffic.baseRps' has the wrong type")
                .hasMessageContaining("'lots' is not a number");
    }

    @Test
    void negativeCapacity_isNamedWithItsLine() throws IOException {
        Path p = file("""
                name: x
                base: none
                tickSeconds: 5
                episodeTicks: 10
                topology:
                  services:
                    - {name: gateway, capacity: -5, baseLatencyMs: 5, sloMs: 50, timeoutMs: 100, memoryMb: 10,
                       memoryLimitMb: 20, cpu: 1, startupSeconds: 5, minReplicas: 1, maxReplicas: 2, replicas: 1}
                  nodes: [{name: n1, cpu: 4, memoryMb: 100}]
                traffic: {baseRps: 10, diurnalAmplitude: 0, diurnalPeriodSeconds: 60, noise: 0, flashCrowdsPerHour: 0,
                          flashCrowdMultiplier: 1, flashCrowdSeconds: 0, retries: 0}
                platform: {liveness: true, hpa: false, hpaTargetCpu: 0.7}
                reward: {availability: 1, cost: 0, disruption: 0}
                recovery: {sloThreshold: 0.9, settleSeconds: 10}
                """);
        assertThatThrownBy(() -> ScenarioLoader.load(p))
                .hasMessageContaining(p + ":7: field 'topology.services[0].capacity' must be a positive number, got -5.0");
    }

    @Test
    void dependencyOnMissingService_isNamed() throws IOException {
        String base = new String(getClass().getResourceAsStream("/io/autoops/env/scenarios/ecommerce.yaml").readAllBytes());
        Path p = file(base.replace("- {service: payment, fanout: 1, critical: true}",
                "- {service: billing, fanout: 1, critical: true}"));
        int line = lineOf(p, "service: billing");
        assertThatThrownBy(() -> ScenarioLoader.load(p))
                .hasMessageContaining(p + ":" + line + ": field 'topology.services[3].dependencies[0].service' names a missing service 'billing'");
    }

    @Test
    void cycleInCallGraph_isReported() throws IOException {
        String base = new String(getClass().getResourceAsStream("/io/autoops/env/scenarios/ecommerce.yaml").readAllBytes());
        // payment calls order, which calls payment.
        Path p = file(base.replace("      dependencies: []\n    - name: recommendation",
                "      dependencies:\n        - {service: order}\n    - name: recommendation"));
        assertThatThrownBy(() -> ScenarioLoader.load(p))
                .hasMessageContaining("form a cycle in the call graph: order -> payment -> order")
                .hasMessageStartingWith(p.toString() + ":");
    }

    @Test
    void unknownFaultTypeAndTarget_areNamed() throws IOException {
        Path p = file("name: x\nfaults:\n  - {type: meltdown, target: payment, onsetSeconds: 10}\n"
                + "  - {type: crash, target: billing/0, onsetSeconds: 10}\n  - {type: cpu-hog, target: payment, onsetSeconds: 10}\n");
        assertThatThrownBy(() -> ScenarioLoader.load(p))
                .hasMessageContaining(p + ":3: field 'faults[0].type' names an unknown fault type 'meltdown'")
                .hasMessageContaining(p + ":4: field 'faults[1].target' names a missing service 'billing'")
                .hasMessageContaining(p + ":5: field 'faults[2].target' 'payment' is a service, but cpu-hog targets [NODE]");
    }

    @Test
    void missingFileAndUnknownName_areClear() {
        assertThatThrownBy(() -> ScenarioLoader.load("nope.yaml")).hasMessageContaining("nope.yaml does not exist");
        assertThatThrownBy(() -> ScenarioLoader.load("standard/nope")).hasMessageContaining("unknown scenario 'standard/nope'")
                .hasMessageContaining("standard/crash");
        assertThatThrownBy(() -> Suite.load("nope")).hasMessageContaining("unknown suite 'nope'").hasMessageContaining("standard");
    }

    @Test
    void invalidYaml_isReported() throws IOException {
        Path p = file("name: [unclosed\n");
        assertThatThrownBy(() -> ScenarioLoader.load(p)).isInstanceOf(ScenarioException.class).hasMessageContaining(p.toString());
    }

    private static int lineOf(Path p, String text) throws IOException {
        var lines = Files.readAllLines(p);
        for (int i = 0; i < lines.size(); i++) {
            if (lines.get(i).contains(text)) {
                return i + 1;
            }
        }
        throw new AssertionError(text);
    }
}
