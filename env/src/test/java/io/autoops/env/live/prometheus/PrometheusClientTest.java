package io.autoops.env.live.prometheus;

import com.sun.net.httpserver.HttpServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The client against a scripted HTTP server: parsing, retries, rejected queries, timeouts. */
class PrometheusClientTest {

    private HttpServer server;
    private final Deque<FakeHttp.Reply> script = new ArrayDeque<>();
    private final AtomicInteger requests = new AtomicInteger();

    @BeforeEach
    void start() {
        server = FakeHttp.start(ex -> {
            requests.incrementAndGet();
            return script.isEmpty() ? new FakeHttp.Reply(500, "{}", 0) : script.poll();
        });
    }

    @AfterEach
    void stop() {
        server.stop(0);
    }

    private PrometheusClient client(Duration timeout, int retries) {
        return new PrometheusClient(FakeHttp.uri(server), timeout, retries,
                Duration.ofMillis(10));
    }

    @Test
    void parsesAVectorWithLabelsAndPrometheusSpecialValues() {
        script.add(new FakeHttp.Reply(200, """
                {"status":"success","data":{"resultType":"vector","result":[
                 {"metric":{"service":"a"},"value":[1700000000.5,"1.25"]},
                 {"metric":{"service":"b"},"value":[1700000000.5,"NaN"]},
                 {"metric":{"service":"c"},"value":[1700000000.5,"+Inf"]}]}}""", 0));
        List<PrometheusClient.Sample> s = client(Duration.ofSeconds(1), 0).query("up");
        assertThat(s).hasSize(3);
        assertThat(s.get(0).labels()).containsEntry("service", "a");
        assertThat(s.get(0).value()).isEqualTo(1.25);
        assertThat(s.get(0).atMillis()).isEqualTo(1_700_000_000_500L);
        assertThat(s.get(1).value()).isNaN();
        assertThat(s.get(2).value()).isInfinite();
    }

    @Test
    void retriesServerErrorsWithBackOff() {
        script.add(new FakeHttp.Reply(503, "busy", 0));
        script.add(new FakeHttp.Reply(502, "busy", 0));
        script.add(new FakeHttp.Reply(200, "{\"status\":\"success\",\"data\":{\"resultType\":\"scalar\",\"result\":[1,\"3\"]}}", 0));
        assertThat(client(Duration.ofSeconds(1), 2).query("scalar(3)").get(0).value()).isEqualTo(3.0);
        assertThat(requests.get()).isEqualTo(3);
    }

    @Test
    void aRejectedQueryIsNotRetriedAndIsNamed() {
        script.add(new FakeHttp.Reply(400, "{\"status\":\"error\",\"errorType\":\"bad_data\",\"error\":\"parse error\"}", 0));
        assertThatThrownBy(() -> client(Duration.ofSeconds(1), 3).query("sum(("))
                .isInstanceOf(PrometheusClient.PrometheusException.class)
                .hasMessageContaining("sum((").hasMessageContaining("bad_data").hasMessageContaining("parse error");
        assertThat(requests.get()).isEqualTo(1);
    }

    @Test
    void timeoutsAreRetriedThenReported() {
        for (int k = 0; k < 3; k++) {
            script.add(new FakeHttp.Reply(200, "{}", 400));
        }
        assertThatThrownBy(() -> client(Duration.ofMillis(100), 1).query("up"))
                .isInstanceOf(PrometheusClient.PrometheusException.class)
                .hasMessageContaining("timed out after 100 ms").hasMessageContaining("2 attempts");
    }

    @Test
    void aRefusedConnectionIsReported() {
        PrometheusClient c = client(Duration.ofMillis(200), 1);
        server.stop(0);
        assertThatThrownBy(() -> c.query("up")).isInstanceOf(PrometheusClient.PrometheusException.class)
                .hasMessageContaining("ConnectException");
    }
}
