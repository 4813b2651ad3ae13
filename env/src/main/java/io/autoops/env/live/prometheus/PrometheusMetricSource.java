package io.autoops.env.live.prometheus;

import io.autoops.core.mdp.Feature;
import io.autoops.core.mdp.ObservationSchema;
import io.autoops.core.ops.Clock;
import io.autoops.core.ops.MetricSource;
import io.autoops.core.ops.Reading;
import io.autoops.env.scenario.Scenario;
import io.autoops.env.scenario.ScenarioSpec;
import io.autoops.env.sim.SimSpaces;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

/**
 * The live metric source: reads the simulator's observation schema for a scenario's topology from
 * Prometheus, so a policy trained in simulation sees the same features live. All queries of one read run
 * concurrently. Nothing is made up: a feature whose query fails, has no series for its service or node,
 * or is not finite is NaN and named in the reading's problems; when the newest scrape is older than the
 * staleness bound every feature is flagged stale. Two conventions are applied: a service with no ready
 * instance fails every request (error rate 1, latencies at its timeout, no CPU or memory), as callers
 * see it; a node absent from a query that answered runs nothing of the job (0 CPU, 0 memory, not
 * ready), as after a drain. Thread-safe.
 */
public final class PrometheusMetricSource implements MetricSource {

    /** Node capacities the node features are ratios of (the shop's nodes are labels on one machine). */
    public record NodeCapacity(double cpuCores, double memoryBytes) {
    }

    private final Scenario scenario;
    private final ObservationSchema schema;
    private final PrometheusClient client;
    private final LiveQueries queries;
    private final NodeCapacity capacity;
    private final Duration staleAfter;
    private final Clock clock;

    public PrometheusMetricSource(Scenario scenario, PrometheusClient client, LiveQueries queries, NodeCapacity capacity,
                                  Duration staleAfter, Clock clock) {
        this.scenario = scenario;
        this.schema = SimSpaces.schema(scenario);
        this.client = client;
        this.queries = queries;
        this.capacity = capacity;
        this.staleAfter = staleAfter;
        this.clock = clock;
    }

    @Override
    public ObservationSchema schema() {
        return schema;
    }

    @Override
    public Reading read() {
        Map<String, String> extra = Map.of(
                "node_cpu_cores", fmt(capacity.cpuCores()), "node_memory_bytes", fmt(capacity.memoryBytes()));
        Map<String, CompletableFuture<List<PrometheusClient.Sample>>> pending = new LinkedHashMap<>();
        queries.service().forEach((k, q) -> pending.put("service:" + k, client.queryAsync(queries.expand(q, extra))));
        queries.node().forEach((k, q) -> pending.put("node:" + k, client.queryAsync(queries.expand(q, extra))));
        CompletableFuture<List<PrometheusClient.Sample>> scrape = client.queryAsync(queries.expand(queries.lastScrape(), extra));

        List<String> problems = new ArrayList<>();
        Map<String, Map<String, Double>> results = new HashMap<>();
        for (Map.Entry<String, CompletableFuture<List<PrometheusClient.Sample>>> e : pending.entrySet()) {
            String label = e.getKey().startsWith("service:") ? "service" : "node";
            try {
                Map<String, Double> byKey = new HashMap<>();
                for (PrometheusClient.Sample s : e.getValue().join()) {
                    byKey.put(s.labels().getOrDefault(label, ""), s.value());
                }
                results.put(e.getKey(), byKey);
            } catch (CompletionException ex) {
                problems.add(e.getKey().substring(e.getKey().indexOf(':') + 1) + ": " + ex.getCause().getMessage());
            }
        }
        long now = clock.millis();
        double[] values = new double[schema.size()];
        Arrays.fill(values, Double.NaN);
        int o = 0;
        List<ScenarioSpec.ServiceSpec> services = scenario.spec().topology().services();
        for (ScenarioSpec.ServiceSpec svc : services) {
            Map<String, Double> f = new LinkedHashMap<>();
            for (String k : queries.service().keySet()) {
                Map<String, Double> r = results.get("service:" + k);
                f.put(k, r == null ? null : r.get(svc.name()));
            }
            Double ready = f.get("ready_replicas");
            if (ready != null && ready == 0) {
                // Down: callers see every request fail at the timeout.
                f.put("error_rate", 1.0);
                f.put("p50_latency_ratio", svc.timeoutMs() / 1000.0);
                f.put("p99_latency_ratio", svc.timeoutMs() / 1000.0);
                if (f.get("request_rate") == null) {
                    f.put("request_rate", 0.0);
                }
                f.put("cpu", 0.0);
                f.put("memory", 0.0);
            }
            for (int k = 0; k < SimSpaces.SF; k++) {
                String name = schema.features().get(o + k).name();
                String suffix = name.substring(svc.name().length() + 1);
                Double v = f.get(suffix);
                if (v != null && suffix.endsWith("latency_ratio")) {
                    v = v / (svc.sloMs() / 1000.0);
                }
                if (v != null && suffix.equals("time_since_deploy")) {
                    v = Math.min(v, SimSpaces.DEPLOY_AGE_CAP_SECONDS);
                }
                values[o + k] = check(schema.features().get(o + k), v, problems);
            }
            o += SimSpaces.SF;
        }
        for (String node : scenario.nodes()) {
            for (int k = 0; k < SimSpaces.NF; k++) {
                String name = schema.features().get(o + k).name();
                String suffix = name.substring(("node." + node + ".").length());
                Map<String, Double> r = results.get("node:" + suffix);
                Double v = r == null ? null : r.get(node);
                if (v == null && r != null) {
                    v = 0.0; // the query answered, without this node: nothing of the job runs there (e.g. drained)
                }
                values[o + k] = check(schema.features().get(o + k), v, problems);
            }
            o += SimSpaces.NF;
        }
        double period = scenario.spec().traffic().diurnalPeriodSeconds();
        double t = now / 1000.0 / period;
        values[o] = t - Math.floor(t);
        try {
            List<PrometheusClient.Sample> s = scrape.join();
            if (s.isEmpty() || !Double.isFinite(s.get(0).value())) {
                problems.add("stale: no scrape of job " + queries.job() + " in Prometheus");
            } else {
                double age = s.get(0).atMillis() / 1000.0 - s.get(0).value();
                if (age > staleAfter.toMillis() / 1000.0) {
                    problems.add(String.format(Locale.ROOT, "stale: the newest scrape of job %s is %.1f s old (bound %.1f s)",
                            queries.job(), age, staleAfter.toMillis() / 1000.0));
                }
            }
        } catch (CompletionException ex) {
            problems.add("stale: cannot tell the age of the data: " + ex.getCause().getMessage());
        }
        return new Reading(now, values, problems);
    }

    /**
     * A feature's value, clipped to the schema's range as the simulator clips it (a node whose processes
     * use 1.5 times its share of the machine reads 1, as a saturated simulated node does); NaN and a
     * problem when there is no finite value.
     */
    private static double check(Feature feature, Double v, List<String> problems) {
        if (v == null) {
            problems.add(feature.name() + ": no series");
            return Double.NaN;
        }
        if (!Double.isFinite(v)) {
            problems.add(feature.name() + ": value is " + v);
            return Double.NaN;
        }
        return Math.max(feature.low(), Math.min(feature.high(), v));
    }

    private static String fmt(double v) {
        return String.format(Locale.ROOT, "%.6g", v);
    }
}
