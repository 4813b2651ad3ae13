package io.autoops.env.live.heal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import io.autoops.core.alerting.Alert;
import io.autoops.core.alerting.AlertRule;
import io.autoops.core.alerting.AlertingAgent;
import io.autoops.core.alerting.Severity;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The webhook channel against a real HTTP server on 127.0.0.1. */
class WebhookChannelTest {

    private HttpServer server;
    private final List<JsonNode> bodies = new CopyOnWriteArrayList<>();
    private final List<String> auth = new CopyOnWriteArrayList<>();
    private final AtomicInteger failuresLeft = new AtomicInteger();
    private URI url;

    @BeforeEach
    void start() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/hook", ex -> {
            byte[] body = ex.getRequestBody().readAllBytes();
            int status = failuresLeft.getAndDecrement() > 0 ? 503 : 204;
            if (status == 204) {
                bodies.add(new ObjectMapper().readTree(body));
                auth.add(ex.getRequestHeaders().getFirst("Authorization"));
            }
            ex.sendResponseHeaders(status, -1);
            ex.close();
        });
        server.start();
        url = URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/hook");
    }

    @AfterEach
    void stop() {
        server.stop(0);
    }

    private static Alert alert(Alert.State state) {
        return new Alert("a-1", "cpu-high", Map.of("service", "payment"), Severity.CRITICAL, state, 0.97, 1_000,
                state == Alert.State.ACKNOWLEDGED ? "alice" : null, 2_000, 3_000, false, "inc-1", List.of("cpu 0.97 > 0.95"));
    }

    @Test
    void postsTheEventAsJson_withItsHeaders() throws Exception {
        new WebhookChannel(url, Map.of("Authorization", "Bearer t0k")).send("fired", alert(Alert.State.ACTIVE));
        new WebhookChannel(url, Map.of()).send("acknowledged", alert(Alert.State.ACKNOWLEDGED));
        assertThat(bodies).hasSize(2);
        JsonNode fired = bodies.get(0);
        assertThat(fired.get("event").asText()).isEqualTo("fired");
        assertThat(fired.get("source").asText()).isEqualTo("autoops");
        assertThat(fired.at("/alert/rule").asText()).isEqualTo("cpu-high");
        assertThat(fired.at("/alert/severity").asText()).isEqualTo("critical");
        assertThat(fired.at("/alert/labels/service").asText()).isEqualTo("payment");
        assertThat(fired.at("/alert/firedAt").asText()).isEqualTo("1970-01-01T00:00:01Z");
        assertThat(fired.at("/alert/resolvedAt").isNull()).isTrue();
        assertThat(fired.at("/alert/context/0").asText()).isEqualTo("cpu 0.97 > 0.95");
        assertThat(auth.get(0)).isEqualTo("Bearer t0k");
        assertThat(bodies.get(1).at("/alert/acknowledgedBy").asText()).isEqualTo("alice");
        assertThat(auth.get(1)).isNull();
    }

    @Test
    void aFailingHook_throws_soTheAgentRetries_andTheAlertArrivesOnceItRecovers() throws Exception {
        failuresLeft.set(1);
        WebhookChannel channel = new WebhookChannel(url, Map.of());
        assertThatThrownBy(() -> channel.send("fired", alert(Alert.State.ACTIVE))).isInstanceOf(IOException.class)
                .hasMessageContaining("answered 503");
        assertThat(bodies).isEmpty();

        // through the alerting agent: the first delivery fails, the retry after the back-off succeeds
        failuresLeft.set(1);
        io.autoops.core.ops.VirtualClock clock = new io.autoops.core.ops.VirtualClock(0);
        AlertingAgent agent = new AlertingAgent(clock, AlertingAgent.Settings.defaults());
        agent.addChannel(channel);
        agent.addRule(new AlertRule("cpu-high", "cpu", Map.of(), true, 0.95, 0.05, 0, Severity.CRITICAL, "CPU above 95%"));
        for (int t = 0; t < 120 && bodies.isEmpty(); t++) {
            agent.onSample(new io.autoops.core.monitoring.Sample("cpu", Map.of("service", "payment"), clock.millis(), 0.99));
            clock.advance(1_000);
            agent.tick();
        }
        assertThat(bodies).isNotEmpty();
        assertThat(bodies.get(0).at("/alert/rule").asText()).isEqualTo("cpu-high");
    }
}
