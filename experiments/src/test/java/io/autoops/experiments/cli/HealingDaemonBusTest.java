package io.autoops.experiments.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.autoops.core.alerting.Alert;
import io.autoops.core.bus.MessageBus;
import io.autoops.core.ops.VirtualClock;
import io.autoops.env.live.heal.HealingDaemon;
import io.autoops.env.scenario.Scenario;
import io.autoops.env.scenario.ScenarioLoader;
import io.autoops.env.sim.Simulator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The daemon's agents talk over the message bus: monitoring publishes each reading's samples, the
 * alerting agent and the analysis agent take them on their own threads. Driven here by the simulator
 * (a bad deploy of product, never rolled back: the policy is a no-op), one reading per tick.
 */
class HealingDaemonBusTest {

    @TempDir
    Path dir;

    @Test
    void monitoringFeedsAlertingAndAnalysisOverTheBus() throws Exception {
        Scenario sc = ScenarioLoader.load("smoke/bad-deploy");
        Simulator sim = new Simulator(sc);
        sim.reset(1);
        VirtualClock clock = new VirtualClock(0);
        Path state = dir.resolve("heal");
        try (HealingDaemon d = SimDaemon.create(sim, state, Duration.ofMinutes(10), clock)) {
            d.start();
            long perReading = awaitQuiet(d, 1); // the first cycle runs at start
            assertThat(perReading).as("a reading's samples and its end marker").isGreaterThan(sim.observationSize() / 2);
            for (int k = 2; k <= 40; k++) {
                sim.step(0);
                clock.set((long) (sim.tick() * sc.spec().tickSeconds() * 1000));
                d.trigger("test reading " + k);
                assertThat(awaitQuiet(d, k)).isEqualTo(perReading);
            }
            Map<String, MessageBus.Stats> stats = byName(d.busStats());
            assertThat(stats).containsKeys("alerting", "analysis");
            assertThat(stats.get("alerting").delivered()).isEqualTo(40 * perReading);
            assertThat(stats.get("analysis").delivered()).as("every sample, the end markers are not for analysis")
                    .isEqualTo(40 * (perReading - 1));
            stats.values().forEach(s -> assertThat(s.dropped() + s.failures()).as(s.name()).isZero());

            List<Alert> alerts = new java.util.ArrayList<>(d.alerting().history());
            alerts.addAll(d.alerting().activeAlerts());
            assertThat(alerts).as("the analysis agent's detector saw product's errors after the deploy at 120 s")
                    .anyMatch(a -> a.rule().equals("anomaly:sigma3") && "product".equals(a.labels().get("service"))
                            && a.firedAt() >= 120_000);
            assertThat(alerts).as("and the alerting agent's health rule too")
                    .anyMatch(a -> a.rule().equals("ErrorRateHigh") && "product".equals(a.labels().get("service")));

            String token = Files.readString(state.resolve("token")).strip();
            HttpResponse<String> bus = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                            URI.create("http://127.0.0.1:" + d.controlPort() + "/bus"))
                    .header("Authorization", "Bearer " + token).build(), HttpResponse.BodyHandlers.ofString());
            assertThat(bus.statusCode()).isEqualTo(200);
            JsonNode json = new ObjectMapper().readTree(bus.body());
            assertThat(json.findValuesAsText("name")).contains("alerting", "analysis");
        }
    }

    /** Waits until {@code readings} readings went through the bus; answers the messages of the last one. */
    private static long awaitQuiet(HealingDaemon d, int readings) throws InterruptedException {
        long end = System.nanoTime() + 20_000_000_000L;
        long previous = -1;
        while (System.nanoTime() < end) {
            Map<String, MessageBus.Stats> s = byName(d.busStats());
            MessageBus.Stats alerting = s.get("alerting");
            MessageBus.Stats analysis = s.get("analysis");
            if (alerting != null && analysis != null && alerting.queued() == 0 && analysis.queued() == 0
                    && alerting.delivered() > 0 && alerting.delivered() % readings == 0) {
                long now = alerting.delivered();
                if (now == previous) {
                    return now / readings;
                }
                previous = now;
            }
            Thread.sleep(20);
        }
        throw new AssertionError("the bus did not deliver " + readings + " readings in 20 s: " + d.busStats());
    }

    private static Map<String, MessageBus.Stats> byName(List<MessageBus.Stats> stats) {
        Map<String, MessageBus.Stats> out = new java.util.HashMap<>();
        stats.forEach(s -> out.put(s.name(), s));
        return out;
    }
}
