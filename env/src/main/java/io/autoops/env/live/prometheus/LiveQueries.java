package io.autoops.env.live.prometheus;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * How each feature of the observation schema is computed from Prometheus: one PromQL query per
 * feature kind, grouped {@code by (service)} or {@code by (node)}, so that one read costs a handful of
 * queries. {@code ${job}} and {@code ${window}} are substituted. Latency queries return seconds; the
 * source divides them by the service's SLO (the schema's features are ratios to the SLO).
 *
 * @param service     per-service feature suffix (as in {@code payment.error_rate}) to a query grouped by {@code service}
 * @param node        per-node feature suffix (as in {@code node.node-1.cpu}) to a query grouped by {@code node}
 * @param lastScrape  a query whose value is the time (epoch s) of the newest scrape; older than the
 *                    staleness bound, the whole reading is stale
 * @param job         Prometheus job of the services
 * @param window      range of {@code rate()} windows, e.g. {@code 5s}
 */
public record LiveQueries(Map<String, String> service, Map<String, String> node, String lastScrape, String job,
                          String window) {

    public LiveQueries {
        service = Map.copyOf(service);
        node = Map.copyOf(node);
    }

    /** The queries for the demo shop's own metrics (see {@code ShopInstance}). */
    public static LiveQueries shop() {
        Map<String, String> s = new LinkedHashMap<>();
        s.put("request_rate", "sum by (service) (rate(shop_requests_total{job=\"${job}\"}[${window}]))");
        s.put("p50_latency_ratio", "histogram_quantile(0.5, sum by (service, le) "
                + "(rate(shop_request_duration_seconds_bucket{job=\"${job}\"}[${window}])))");
        s.put("p99_latency_ratio", "histogram_quantile(0.99, sum by (service, le) "
                + "(rate(shop_request_duration_seconds_bucket{job=\"${job}\"}[${window}])))");
        s.put("error_rate", "sum by (service) (rate(shop_requests_total{job=\"${job}\",outcome=\"error\"}[${window}]))"
                + " / sum by (service) (rate(shop_requests_total{job=\"${job}\"}[${window}]))");
        s.put("cpu", "avg by (service) (rate(shop_busy_seconds_total{job=\"${job}\"}[${window}]) / shop_workers{job=\"${job}\"})");
        s.put("memory", "avg by (service) (shop_memory_used_bytes{job=\"${job}\"} / shop_memory_limit_bytes{job=\"${job}\"})");
        // A sum, not count(up == 1): count of nothing is no series, and a service with every instance down must read 0.
        s.put("ready_replicas", "sum by (service) (up{job=\"${job}\"})");
        s.put("desired_replicas", "count by (service) (up{job=\"${job}\"})");
        s.put("restarts_recent", "sum by (service) (changes(shop_start_time_seconds{job=\"${job}\"}[5m]))");
        // Over the last hour, so the deploy time stays known while every instance of the service is down.
        s.put("time_since_deploy", "time() - max by (service) (max_over_time(shop_deploy_timestamp_seconds{job=\"${job}\"}[1h]))");
        Map<String, String> n = new LinkedHashMap<>();
        n.put("cpu", "sum by (node) (rate(process_cpu_seconds_total{job=\"${job}\"}[${window}])) / ${node_cpu_cores}");
        n.put("memory", "sum by (node) (process_resident_memory_bytes{job=\"${job}\"}) / ${node_memory_bytes}");
        n.put("ready", "max by (node) (up{job=\"${job}\"})");
        return new LiveQueries(s, n, "max(timestamp(up{job=\"${job}\"}))", "shop", "5s");
    }

    /**
     * Defaults for a Kubernetes cluster with the usual exporters: request rate, latency and errors from
     * an HTTP server histogram {@code http_server_requests_seconds} carrying a {@code service} label
     * (Micrometer's name; relabel or override if yours differ), CPU and memory from cAdvisor over the
     * containers' limits (kube-state-metrics), replicas and restarts from kube-state-metrics, node CPU
     * and memory from node-exporter. {@code ${job}} is the namespace; containers are named after their
     * service. Override any query in the daemon's configuration.
     */
    public static LiveQueries kubernetes() {
        String ns = "namespace=\"${job}\"";
        String byContainer = "\"service\", \"$1\", \"container\", \"(.+)\"";
        String byDeployment = "\"service\", \"$1\", \"deployment\", \"(.+)\"";
        Map<String, String> s = new LinkedHashMap<>();
        s.put("request_rate", "sum by (service) (rate(http_server_requests_seconds_count{" + ns + "}[${window}]))");
        s.put("p50_latency_ratio", "histogram_quantile(0.5, sum by (service, le) (rate(http_server_requests_seconds_bucket{"
                + ns + "}[${window}])))");
        s.put("p99_latency_ratio", "histogram_quantile(0.99, sum by (service, le) (rate(http_server_requests_seconds_bucket{"
                + ns + "}[${window}])))");
        s.put("error_rate", "sum by (service) (rate(http_server_requests_seconds_count{" + ns + ",status=~\"5..\"}[${window}]))"
                + " / sum by (service) (rate(http_server_requests_seconds_count{" + ns + "}[${window}]))");
        s.put("cpu", "sum by (service) (label_replace(rate(container_cpu_usage_seconds_total{" + ns + ",container!=\"\"}[${window}]), "
                + byContainer + ")) / sum by (service) (label_replace(kube_pod_container_resource_limits{" + ns
                + ",resource=\"cpu\"}, " + byContainer + "))");
        s.put("memory", "sum by (service) (label_replace(container_memory_working_set_bytes{" + ns + ",container!=\"\"}, "
                + byContainer + ")) / sum by (service) (label_replace(kube_pod_container_resource_limits{" + ns
                + ",resource=\"memory\"}, " + byContainer + "))");
        s.put("ready_replicas", "sum by (service) (label_replace(kube_deployment_status_replicas_available{" + ns + "}, "
                + byDeployment + "))");
        s.put("desired_replicas", "sum by (service) (label_replace(kube_deployment_spec_replicas{" + ns + "}, "
                + byDeployment + "))");
        s.put("restarts_recent", "sum by (service) (label_replace(increase(kube_pod_container_status_restarts_total{" + ns
                + "}[5m]), " + byContainer + "))");
        s.put("time_since_deploy", "time() - max by (service) (label_replace(kube_deployment_created{" + ns + "}, "
                + byDeployment + "))");
        Map<String, String> n = new LinkedHashMap<>();
        String byInstance = "\"node\", \"$1\", \"instance\", \"([^:]+).*\"";
        n.put("cpu", "1 - avg by (node) (label_replace(rate(node_cpu_seconds_total{mode=\"idle\"}[${window}]), " + byInstance + "))");
        n.put("memory", "1 - sum by (node) (label_replace(node_memory_MemAvailable_bytes, " + byInstance
                + ")) / sum by (node) (label_replace(node_memory_MemTotal_bytes, " + byInstance + "))");
        n.put("ready", "max by (node) (kube_node_status_condition{condition=\"Ready\",status=\"true\"})");
        return new LiveQueries(s, n, "max(timestamp(up))", "default", "1m");
    }

    /** A query with its placeholders filled in. */
    String expand(String query, Map<String, String> extra) {
        String q = query.replace("${job}", job).replace("${window}", window);
        for (Map.Entry<String, String> e : extra.entrySet()) {
            q = q.replace("${" + e.getKey() + "}", e.getValue());
        }
        if (q.contains("${")) {
            throw new IllegalArgumentException("query has an unknown placeholder: " + q);
        }
        return q;
    }
}
