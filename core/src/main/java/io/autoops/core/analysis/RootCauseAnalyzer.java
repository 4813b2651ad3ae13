package io.autoops.core.analysis;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Ranks candidate root causes of an incident on the service dependency graph: "the deepest anomalous
 * dependency". Symptoms propagate upstream (a failing payment makes order and the gateway fail too),
 * so an anomalous service whose own dependencies look healthy explains the most; a node explains its
 * services' anomalies when most of the services it hosts are anomalous.
 *
 * <p>Score of a service: {@code a(s) * (1 - 0.9 * max a(callee))}; of a node:
 * {@code max(a(node), mean a(hosted) * share of hosted services that are anomalous) + 0.15 per anomalous hosted
 * service beyond the first} (capped at 1), where
 * {@code a} is an anomaly score in [0, 1]. Stateless and thread-safe.
 */
public final class RootCauseAnalyzer {

    /** What kind of thing a candidate is. */
    public enum Kind { SERVICE, NODE }

    /** A ranked candidate with the evidence behind it. */
    public record Candidate(String name, Kind kind, double score, String evidence) {
    }

    private static final double ANOMALOUS = 0.5;

    /**
     * @param serviceAnomaly anomaly score per service
     * @param calls          callees per service
     * @param nodeAnomaly    anomaly score per node (e.g. CPU saturation, not ready)
     * @param placement      services with an instance on each node
     * @return candidates, most likely first
     */
    public List<Candidate> rank(Map<String, Double> serviceAnomaly, Map<String, List<String>> calls,
                                Map<String, Double> nodeAnomaly, Map<String, List<String>> placement) {
        List<Candidate> out = new ArrayList<>();
        serviceAnomaly.forEach((s, a) -> {
            double worstCallee = 0;
            String worst = null;
            for (String d : calls.getOrDefault(s, List.of())) {
                double ad = serviceAnomaly.getOrDefault(d, 0.0);
                if (ad > worstCallee) {
                    worstCallee = ad;
                    worst = d;
                }
            }
            double score = a * (1 - 0.9 * worstCallee);
            String ev = String.format(Locale.ROOT, "%s anomaly %.2f; %s", s, a,
                    worst == null ? "its dependencies look healthy" : "worst dependency " + worst
                            + String.format(Locale.ROOT, " at %.2f", worstCallee));
            out.add(new Candidate(s, Kind.SERVICE, score, ev));
        });
        nodeAnomaly.forEach((n, a) -> {
            List<String> hosted = placement.getOrDefault(n, List.of());
            double sum = 0;
            int anomalous = 0;
            for (String s : hosted) {
                double as = serviceAnomaly.getOrDefault(s, 0.0);
                sum += as;
                anomalous += as >= ANOMALOUS ? 1 : 0;
            }
            double viaServices = hosted.isEmpty() ? 0 : (sum / hosted.size()) * (anomalous / (double) hosted.size());
            // several co-located anomalies point at what they share: the node
            double score = Math.min(1, Math.max(a, viaServices) + 0.15 * Math.max(0, anomalous - 1));
            out.add(new Candidate(n, Kind.NODE, score, String.format(Locale.ROOT,
                    "node %s anomaly %.2f; %d of %d hosted services anomalous", n, a, anomalous, hosted.size())));
        });
        out.sort(Comparator.comparingDouble(Candidate::score).reversed().thenComparing(Candidate::name));
        return out;
    }
}
