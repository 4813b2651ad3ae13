package io.autoops.env.live.prometheus;

import com.sun.net.httpserver.HttpServer;
import io.autoops.core.ops.Reading;
import io.autoops.env.scenario.Scenario;
import io.autoops.env.scenario.ScenarioLoader;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Locale;
import java.util.function.Function;

import static org.assertj.core.api.Assertions.assertThat;

/** The source against a fake Prometheus that answers every query by service or node. */
class PrometheusMetricSourceTest {

    private final Scenario scenario = ScenarioLoader.load("ecommerce");
    private HttpServer server;
    /** query -> a JSON result array, given the labels to fill. */
    private volatile Function<String, String> answer;
    private volatile double lastScrapeAge = 1;

    @BeforeEach
    void start() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/api/v1/query", ex -> {
            String q = URLDecoder.decode(ex.getRequestURI().getRawQuery().substring("query=".length()), StandardCharsets.UTF_8);
            double now = 1_700_000_000;
            String result;
            if (q.startsWith("max(timestamp(")) {
                result = "[{\"metric\":{},\"value\":[" + now + ",\"" + (now - lastScrapeAge) + "\"]}]";
            } else {
                result = answer.apply(q);
            }
            byte[] body = ("{\"status\":\"success\",\"data\":{\"resultType\":\"vector\",\"result\":" + result + "}}")
                    .getBytes(StandardCharsets.UTF_8);
            ex.sendResponseHeaders(200, body.length);
            ex.getResponseBody().write(body);
            ex.close();
        });
        server.setExecutor(java.util.concurrent.Executors.newFixedThreadPool(4));
        server.start();
    }

    @AfterEach
    void stop() {
        server.stop(0);
    }

    private PrometheusMetricSource source() {
        PrometheusClient client = new PrometheusClient(URI.create("http://127.0.0.1:" + server.getAddress().getPort()),
                Duration.ofSeconds(1), 0, Duration.ofMillis(10));
        return new PrometheusMetricSource(scenario, client, LiveQueries.shop(),
                new PrometheusMetricSource.NodeCapacity(1, 1e9), Duration.ofSeconds(5), () -> 1_700_000_000_000L);
    }

    /** Every series of a grouped query, all with {@code value}, leaving out {@code skip}. */
    private String all(String query, double value, String skip) {
        String label = query.contains("by (node)") ? "node" : "service";
        var keys = label.equals("node") ? scenario.nodes() : scenario.services();
        StringBuilder sb = new StringBuilder("[");
        for (String k : keys) {
            if (k.equals(skip)) {
                continue;
            }
            sb.append(sb.length() > 1 ? "," : "").append(String.format(Locale.ROOT,
                    "{\"metric\":{\"%s\":\"%s\"},\"value\":[1700000000,\"%s\"]}", label, k, value));
        }
        return sb.append("]").toString();
    }

    @Test
    void aHealthySystemGivesACompleteReadingWithLatenciesAsRatiosToTheSlo() {
        answer = q -> all(q, q.contains("ready") || q.contains("up{") ? 2 : 0.1, "");
        PrometheusMetricSource src = source();
        Reading r = src.read();
        assertThat(r.problems()).isEmpty();
        assertThat(r.complete()).isTrue();
        // p99 query answers 0.1 s; the gateway's SLO is 400 ms.
        assertThat(r.values()[src.schema().indexOf("gateway.p99_latency_ratio")]).isEqualTo(0.25);
        assertThat(r.values()[src.schema().indexOf("payment.ready_replicas")]).isEqualTo(2);
    }

    @Test
    void aMissingSeriesIsNamedAndNotMadeUp() {
        answer = q -> q.contains("outcome=\\\"error\\\"") || q.contains("outcome=\"error\"")
                ? all(q, 0.0, "payment") : all(q, q.contains("up{") ? 2 : 0.1, "");
        PrometheusMetricSource src = source();
        Reading r = src.read();
        assertThat(r.complete()).isFalse();
        assertThat(r.problems()).containsExactly("payment.error_rate: no series");
        assertThat(r.values()[src.schema().indexOf("payment.error_rate")]).isNaN();
    }

    @Test
    void aServiceWithNoReadyInstanceFailsEveryRequest() {
        answer = q -> q.contains("== 1") ? all(q, 2, "order") .replace("]", q.contains("by (service)")
                ? ",{\"metric\":{\"service\":\"order\"},\"value\":[1700000000,\"0\"]}]" : "]")
                // Instant vectors of a dead service vanish; range functions still see its history.
                : all(q, q.contains("up{") ? 2 : 0.1,
                        q.contains("shop_") && !q.contains("changes(") && !q.contains("_over_time") ? "order" : "");
        PrometheusMetricSource src = source();
        Reading r = src.read();
        assertThat(r.problems()).isEmpty();
        assertThat(r.values()[src.schema().indexOf("order.error_rate")]).isEqualTo(1.0);
        assertThat(r.values()[src.schema().indexOf("order.p99_latency_ratio")]).isEqualTo(1000.0 / 250.0);
    }

    @Test
    void oldDataIsStale() {
        answer = q -> all(q, q.contains("up{") ? 2 : 0.1, "");
        lastScrapeAge = 30;
        Reading r = source().read();
        assertThat(r.complete()).isFalse();
        assertThat(r.problems()).singleElement().asString().startsWith("stale: the newest scrape of job shop is 30.0 s old");
    }
}
