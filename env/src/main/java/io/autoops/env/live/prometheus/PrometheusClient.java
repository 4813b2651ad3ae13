package io.autoops.env.live.prometheus;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

/**
 * A small client of Prometheus' HTTP API ({@code /api/v1/query} and {@code /api/v1/query_range}) with a
 * timeout per request and retries with exponential back-off on timeouts, refused connections and 5xx.
 * A query Prometheus rejects (4xx, {@code status: error}) is not retried: its error names the query.
 * Thread-safe.
 */
public final class PrometheusClient {

    /** One element of an instant vector (or a scalar, with no labels). */
    public record Sample(Map<String, String> labels, double value, long atMillis) {
    }

    /** One series of a range query. */
    public record Series(Map<String, String> labels, long[] atMillis, double[] values) {
    }

    /** A query that failed after its retries, or that Prometheus rejected. */
    public static final class PrometheusException extends RuntimeException {
        public PrometheusException(String message, Throwable cause) {
            super(message, cause);
        }
    }

    private static final ObjectMapper JSON = new ObjectMapper();

    private final URI base;
    private final Duration timeout;
    private final int retries;
    private final Duration backoff;
    private final HttpClient http;

    /**
     * @param base     e.g. {@code http://127.0.0.1:9090}
     * @param timeout  per HTTP request
     * @param retries  further attempts after a failed one
     * @param backoff  wait before the first retry; doubles each time
     */
    public PrometheusClient(URI base, Duration timeout, int retries, Duration backoff) {
        this.base = base;
        this.timeout = timeout;
        this.retries = retries;
        this.backoff = backoff;
        this.http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(timeout).build();
    }

    public URI base() {
        return base;
    }

    /** Evaluates an instant query now. */
    public List<Sample> query(String promql) {
        return join(queryAsync(promql), promql);
    }

    /** Evaluates an instant query without blocking; the future fails with {@link PrometheusException}. */
    public CompletableFuture<List<Sample>> queryAsync(String promql) {
        return get("/api/v1/query?query=" + enc(promql), promql, 0).thenApply(PrometheusClient::samples);
    }

    /** Evaluates a range query over {@code [start, end]} every {@code step}. */
    public List<Series> queryRange(String promql, Instant start, Instant end, Duration step) {
        String path = "/api/v1/query_range?query=" + enc(promql) + "&start=" + start.toEpochMilli() / 1000.0
                + "&end=" + end.toEpochMilli() / 1000.0 + "&step=" + step.toMillis() / 1000.0;
        return join(get(path, promql, 0).thenApply(PrometheusClient::series), promql);
    }

    private CompletableFuture<JsonNode> get(String path, String promql, int attempt) {
        HttpRequest req = HttpRequest.newBuilder(base.resolve(path)).timeout(timeout).GET().build();
        return http.sendAsync(req, HttpResponse.BodyHandlers.ofString()).handle((resp, err) -> {
            if (err != null) {
                Throwable cause = err instanceof CompletionException && err.getCause() != null ? err.getCause() : err;
                String what = cause instanceof HttpTimeoutException ? "timed out after " + timeout.toMillis() + " ms"
                        : cause.getClass().getSimpleName() + ": " + cause.getMessage();
                return retry(path, promql, attempt, "Prometheus at " + base + " " + what, cause);
            }
            if (resp.statusCode() >= 500) {
                return retry(path, promql, attempt, "Prometheus answered " + resp.statusCode(), null);
            }
            JsonNode body;
            try {
                body = JSON.readTree(resp.body());
            } catch (IOException e) {
                return CompletableFuture.<JsonNode>failedFuture(new PrometheusException(
                        "Prometheus answered " + resp.statusCode() + " with a body that is not JSON for query " + promql, e));
            }
            if (!"success".equals(body.path("status").asText())) {
                return CompletableFuture.<JsonNode>failedFuture(new PrometheusException("Prometheus rejected query `" + promql
                        + "`: " + body.path("errorType").asText() + ": " + body.path("error").asText(), null));
            }
            return CompletableFuture.completedFuture(body.path("data"));
        }).thenCompose(f -> f);
    }

    private CompletableFuture<JsonNode> retry(String path, String promql, int attempt, String problem, Throwable cause) {
        if (attempt >= retries) {
            return CompletableFuture.failedFuture(new PrometheusException(problem + " (query `" + promql + "`, "
                    + (attempt + 1) + " attempts)", cause));
        }
        long wait = backoff.toMillis() << attempt;
        return CompletableFuture.supplyAsync(() -> null,
                        CompletableFuture.delayedExecutor(wait, java.util.concurrent.TimeUnit.MILLISECONDS))
                .thenCompose(x -> get(path, promql, attempt + 1));
    }

    private static List<Sample> samples(JsonNode data) {
        String type = data.path("resultType").asText();
        List<Sample> out = new ArrayList<>();
        if (type.equals("scalar")) {
            JsonNode v = data.path("result");
            out.add(new Sample(Map.of(), value(v.get(1).asText()), (long) (v.get(0).asDouble() * 1000)));
            return out;
        }
        if (!type.equals("vector")) {
            throw new PrometheusException("expected an instant vector, got a " + type, null);
        }
        for (JsonNode r : data.path("result")) {
            JsonNode v = r.path("value");
            out.add(new Sample(labels(r), value(v.get(1).asText()), (long) (v.get(0).asDouble() * 1000)));
        }
        return out;
    }

    private static List<Series> series(JsonNode data) {
        List<Series> out = new ArrayList<>();
        for (JsonNode r : data.path("result")) {
            JsonNode values = r.path("values");
            long[] at = new long[values.size()];
            double[] v = new double[values.size()];
            for (int k = 0; k < values.size(); k++) {
                at[k] = (long) (values.get(k).get(0).asDouble() * 1000);
                v[k] = value(values.get(k).get(1).asText());
            }
            out.add(new Series(labels(r), at, v));
        }
        return out;
    }

    private static Map<String, String> labels(JsonNode r) {
        Map<String, String> labels = new LinkedHashMap<>();
        r.path("metric").fields().forEachRemaining(e -> labels.put(e.getKey(), e.getValue().asText()));
        return labels;
    }

    /** Prometheus writes NaN, +Inf and -Inf as such. */
    static double value(String s) {
        return switch (s) {
            case "+Inf" -> Double.POSITIVE_INFINITY;
            case "-Inf" -> Double.NEGATIVE_INFINITY;
            default -> Double.parseDouble(s);
        };
    }

    private static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }

    private static <T> T join(CompletableFuture<T> f, String promql) {
        try {
            return f.join();
        } catch (CompletionException e) {
            if (e.getCause() instanceof PrometheusException p) {
                throw p;
            }
            throw new PrometheusException("query `" + promql + "` failed: " + e.getCause(), e.getCause());
        }
    }
}
