package io.autoops.env.live.k8s;

import io.autoops.core.ops.Actuator;
import io.autoops.core.ops.Remediation;
import io.autoops.core.ops.Target;
import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodTemplateSpec;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.ReplicaSet;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.fabric8.kubernetes.client.KubernetesClientException;

import java.time.Instant;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Remediations on a Kubernetes cluster with the fabric8 client. A service is the Deployment of that
 * name in the namespace; its pods carry the label {@code appLabel=<service>}.
 * <ul>
 *   <li>restart: deletes the pods that are not ready (the ReplicaSet replaces them); when all are ready,
 *       a rolling restart (the {@code kubectl rollout restart} annotation), so the Deployment's
 *       {@code maxUnavailable} holds; an instance target ({@code service/i}) deletes the i-th pod by name;</li>
 *   <li>scale-out / scale-in: the Deployment's replicas (never below 1);</li>
 *   <li>rollback: the template of the ReplicaSet with the highest revision below the current one;</li>
 *   <li>drain: cordons the node, then evicts the namespace's pods on it (deleting those whose eviction is not
 *       served; a pod disruption budget that forbids the eviction leaves the pod in place);</li>
 *   <li>shed-load: refused (needs a mesh or gateway).</li>
 * </ul>
 * A conflict (409) is retried once on fresh state; API errors, 5xx and timeouts are FAILED with the
 * status code; a missing Deployment or node is REFUSED. Thread-safe (the client is).
 */
public final class KubernetesActuator implements Actuator {

    static final String REVISION = "deployment.kubernetes.io/revision";
    static final String RESTARTED_AT = "kubectl.kubernetes.io/restartedAt";

    private final KubernetesClient client;
    private final String namespace;
    private final String appLabel;

    public KubernetesActuator(KubernetesClient client, String namespace, String appLabel) {
        this.client = client;
        this.namespace = namespace;
        this.appLabel = appLabel;
    }

    /** A client from the usual places (kubeconfig, in-cluster service account). */
    public static KubernetesActuator connect(String namespace, String appLabel) {
        return new KubernetesActuator(new KubernetesClientBuilder().build(), namespace, appLabel);
    }

    private static final class Refusal extends RuntimeException {
        Refusal(String message) {
            super(message);
        }
    }

    @Override
    public Actuation execute(Remediation r) {
        try {
            return new Actuation(r, Actuation.Outcome.DONE, apply(r));
        } catch (Refusal e) {
            return new Actuation(r, Actuation.Outcome.REFUSED, e.getMessage());
        } catch (KubernetesClientException e) {
            if (e.getCode() == 404) {
                return new Actuation(r, Actuation.Outcome.REFUSED, "not found in namespace " + namespace + ": " + brief(e));
            }
            String what = e.getCode() == 409 ? "conflict twice (409)"
                    : e.getCode() >= 500 ? "API server error " + e.getCode()
                    : e.getCode() <= 0 ? "no answer from the API server within the request timeout (" + rootCause(e) + ")"
                    : "API error " + e.getCode();
            return new Actuation(r, Actuation.Outcome.FAILED, what + ": " + brief(e));
        }
    }

    /** Runs one read-modify-write; a conflict (someone else changed the object) is retried once on fresh state. */
    private static <T> T once(java.util.function.Supplier<T> update) {
        try {
            return update.get();
        } catch (KubernetesClientException e) {
            if (e.getCode() != 409) {
                throw e;
            }
            return update.get();
        }
    }

    private String apply(Remediation r) {
        if (r instanceof Remediation.NoOp) {
            return "nothing to do";
        } else if (r instanceof Remediation.Restart) {
            return restart(r.target());
        } else if (r instanceof Remediation.ScaleOut s) {
            return scaleBy(s.target().name(), s.replicas());
        } else if (r instanceof Remediation.ScaleIn s) {
            return scaleBy(s.target().name(), -s.replicas());
        } else if (r instanceof Remediation.Rollback) {
            return rollback(r.target().name());
        } else if (r instanceof Remediation.DrainNode) {
            return drain(r.target().name());
        }
        throw new Refusal(r.kind() + " needs a service mesh or gateway; not supported on plain Kubernetes");
    }

    private Deployment deployment(String service) {
        Deployment d = client.apps().deployments().inNamespace(namespace).withName(service).get();
        if (d == null) {
            throw new Refusal("no Deployment " + service + " in namespace " + namespace);
        }
        return d;
    }

    private List<Pod> pods(String service) {
        return client.pods().inNamespace(namespace).withLabel(appLabel, service).list().getItems().stream()
                .sorted(Comparator.comparing(p -> p.getMetadata().getName())).toList();
    }

    private static boolean ready(Pod p) {
        return p.getStatus() != null && p.getStatus().getConditions() != null && p.getStatus().getConditions().stream()
                .anyMatch(c -> "Ready".equals(c.getType()) && "True".equals(c.getStatus()));
    }

    private String restart(Target target) {
        String service = target.service();
        deployment(service);
        List<Pod> pods = pods(service);
        if (target.kind() == Target.Kind.INSTANCE) {
            int i = Integer.parseInt(target.name().substring(target.name().indexOf('/') + 1));
            if (i < 0 || i >= pods.size()) {
                throw new Refusal(service + " has " + pods.size() + " pods; no instance " + i);
            }
            String name = pods.get(i).getMetadata().getName();
            client.pods().inNamespace(namespace).withName(name).delete();
            return "deleted pod " + name;
        }
        List<Pod> notReady = pods.stream().filter(p -> !ready(p)).toList();
        if (!notReady.isEmpty()) {
            for (Pod p : notReady) {
                client.pods().inNamespace(namespace).withName(p.getMetadata().getName()).delete();
            }
            return "deleted " + notReady.size() + " pod(s) of " + service + " that were not ready: "
                    + notReady.stream().map(p -> p.getMetadata().getName()).toList();
        }
        String at = Instant.now().toString();
        once(() -> client.apps().deployments().inNamespace(namespace).withName(service).edit(d -> {
            Map<String, String> a = new LinkedHashMap<>(Optional.ofNullable(d.getSpec().getTemplate().getMetadata().getAnnotations())
                    .orElse(Map.of()));
            a.put(RESTARTED_AT, at);
            d.getSpec().getTemplate().getMetadata().setAnnotations(a);
            return d;
        }));
        return "rolling restart of " + service + " (" + RESTARTED_AT + "=" + at + ")";
    }

    private String scaleBy(String service, int delta) {
        Deployment d = deployment(service);
        int now = d.getSpec().getReplicas() == null ? 1 : d.getSpec().getReplicas();
        int to = now + delta;
        if (to < 1) {
            throw new Refusal(service + " has " + now + " replica(s); scaling in by " + (-delta) + " would leave none");
        }
        once(() -> client.apps().deployments().inNamespace(namespace).withName(service).edit(x -> {
            x.getSpec().setReplicas(to);
            return x;
        }));
        return "scaled " + service + " from " + now + " to " + to + " replicas";
    }

    private String rollback(String service) {
        Deployment d = deployment(service);
        long current = revision(d.getMetadata().getAnnotations());
        Optional<ReplicaSet> previous = client.apps().replicaSets().inNamespace(namespace).list().getItems().stream()
                .filter(rs -> rs.getMetadata().getOwnerReferences() != null && rs.getMetadata().getOwnerReferences().stream()
                        .anyMatch(o -> "Deployment".equals(o.getKind()) && service.equals(o.getName())))
                .filter(rs -> revision(rs.getMetadata().getAnnotations()) < current)
                .max(Comparator.comparingLong(rs -> revision(rs.getMetadata().getAnnotations())));
        if (previous.isEmpty()) {
            throw new Refusal(service + " has no revision before " + current + " to roll back to");
        }
        PodTemplateSpec template = previous.get().getSpec().getTemplate();
        Map<String, String> labels = new LinkedHashMap<>(template.getMetadata().getLabels() == null ? Map.of()
                : template.getMetadata().getLabels());
        labels.remove("pod-template-hash");
        template.getMetadata().setLabels(labels);
        once(() -> client.apps().deployments().inNamespace(namespace).withName(service).edit(x -> {
            x.getSpec().setTemplate(template);
            return x;
        }));
        return "rolled " + service + " back from revision " + current + " to the template of revision "
                + revision(previous.get().getMetadata().getAnnotations()) + " (ReplicaSet " + previous.get().getMetadata().getName() + ")";
    }

    private static long revision(Map<String, String> annotations) {
        if (annotations == null || annotations.get(REVISION) == null) {
            return 0;
        }
        try {
            return Long.parseLong(annotations.get(REVISION));
        } catch (NumberFormatException e) {
            return 0;
        }
    }

    private String drain(String nodeName) {
        Node node = client.nodes().withName(nodeName).get();
        if (node == null) {
            throw new Refusal("no node " + nodeName);
        }
        if (Boolean.TRUE.equals(node.getSpec().getUnschedulable())) {
            throw new Refusal("node " + nodeName + " is already cordoned");
        }
        once(() -> client.nodes().withName(nodeName).edit(n -> {
            n.getSpec().setUnschedulable(true);
            return n;
        }));
        int evicted = 0;
        int deleted = 0;
        List<String> blocked = new java.util.ArrayList<>();
        for (Pod p : podsOn(nodeName)) {
            var pod = client.pods().inNamespace(namespace).withName(p.getMetadata().getName());
            try {
                if (pod.evict()) {
                    evicted++;
                } else {
                    blocked.add(p.getMetadata().getName()); // a disruption budget says not now (429)
                }
            } catch (KubernetesClientException e) {
                // 404/405: eviction not served; 409: an eviction object clashes (fabric8's mock server answers so)
                if (e.getCode() != 404 && e.getCode() != 405 && e.getCode() != 409) {
                    throw new KubernetesClientException("cordoned " + nodeName + " but could not evict pod "
                            + p.getMetadata().getName() + ": " + brief(e), e.getCode(), e.getStatus());
                }
                pod.delete();
                deleted++;
            }
        }
        return "cordoned " + nodeName + ", evicted " + evicted + " and deleted " + deleted + " pod(s) of namespace " + namespace
                + (blocked.isEmpty() ? "" : "; disruption budgets kept " + blocked + " (retry the drain later)");
    }

    private List<Pod> podsOn(String node) {
        return client.pods().inNamespace(namespace).list().getItems().stream()
                .filter(p -> p.getSpec() != null && node.equals(p.getSpec().getNodeName())).toList();
    }

    /** Pods of the namespace on a node, per service (for the blast radius of a drain); null when unknown. */
    public Map<String, Integer> instancesOn(String node) {
        try {
            Map<String, Integer> out = new HashMap<>();
            for (Pod p : podsOn(node)) {
                String s = p.getMetadata().getLabels() == null ? null : p.getMetadata().getLabels().get(appLabel);
                if (s != null) {
                    out.merge(s, 1, Integer::sum);
                }
            }
            return out;
        } catch (KubernetesClientException e) {
            return null;
        }
    }

    private static String brief(KubernetesClientException e) {
        String m = e.getMessage() == null ? e.toString() : e.getMessage();
        return m.length() > 300 ? m.substring(0, 300) + "..." : m;
    }

    private static String rootCause(Throwable t) {
        while (t.getCause() != null && t.getCause() != t) {
            t = t.getCause();
        }
        return t.toString();
    }
}
