package io.autoops.env.live.prometheus;

import com.sun.net.httpserver.HttpServer;
import io.autoops.core.ops.Reading;
import io.autoops.env.scenario.Scenario;
import io.autoops.env.scenario.ScenarioLoader;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

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
    void start() {
        server = FakeHttp.start(ex -> {
            String q = URLDecoder.decode(ex.getRequestURI().getRawQuery().substring("query=".length()), StandardCharsets.UTF_8);
            double now = 1_700_000_000;
            String result = q.startsWith("max(timestamp(")
                    ? "[{\"metric\":{},\"value\":[" + now + ",\"" + (now - lastScrapeAge) + "\"]}]"
                    : answer.apply(q);
            return new FakeHttp.Reply(200, "{\"status\":\"success\",\"data\":{\"resultType\":\"vector\",\"result\":"
                    + result + "}}", 0);
        });
    }

    @AfterEach
    void stop() {
        server.stop(0);
    }

    private PrometheusMetricSource source() {
        PrometheusClient client = new PrometheusClient(FakeHttp.uri(server), Duration.ofSeconds(1), 0, Duration.ofMillis(10));
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
        answer = q -> all(q, q.contains("up{") ? 2 : 0.1, "");
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
        answer = q -> q.contains("outcome=\"error\"")
                ? all(q, 0.0, "payment") : all(q, q.contains("up{") ? 2 : 0.1, "");
        PrometheusMetricSource src = source();
        Reading r = src.read();
        assertThat(r.complete()).isFalse();
        assertThat(r.problems()).containsExactly("payment.error_rate: no series");
        assertThat(r.values()[src.schema().indexOf("payment.error_rate")]).isNaN();
    }

    @Test
    void aServiceWithNoReadyInstanceFailsEveryRequest() {
        // sum(up) reads 0 for a service whose instances are all down; its other instant vectors vanish,
        // range functions still see its history.
        answer = q -> q.startsWith("sum by (service) (up{") ? all(q, 2, "order").replace("]",
                ",{\"metric\":{\"service\":\"order\"},\"value\":[1700000000,\"0\"]}]")
                : all(q, q.contains("up{") ? 2 : 0.1,
                        q.contains("shop_") && !q.contains("changes(") && !q.contains("_over_time") ? "order" : "");
        PrometheusMetricSource src = source();
        Reading r = src.read();
        assertThat(r.problems()).isEmpty();
        assertThat(r.values()[src.schema().indexOf("order.error_rate")]).isEqualTo(1.0);
        assertThat(r.values()[src.schema().indexOf("order.p99_latency_ratio")]).isEqualTo(1000.0 / 250.0);
    }

    @Test
    void aNodeRunningNothingReadsAsIdleAndNotReady() {
        String drained = scenario.nodes().get(2);
        answer = q -> all(q, q.contains("up{") ? 2 : 0.1, q.contains("by (node)") ? drained : "");
        PrometheusMetricSource src = source();
        Reading r = src.read();
        assertThat(r.problems()).isEmpty();
        for (String f : new String[]{"cpu", "memory", "ready"}) {
            assertThat(r.values()[src.schema().indexOf("node." + drained + "." + f)]).as(f).isZero();
        }
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
