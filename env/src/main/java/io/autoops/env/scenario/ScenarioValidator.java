package io.autoops.env.scenario;

import io.autoops.env.scenario.ScenarioSpec.DependencySpec;
import io.autoops.env.scenario.ScenarioSpec.FaultSpec;
import io.autoops.env.scenario.ScenarioSpec.NodeSpec;
import io.autoops.env.scenario.ScenarioSpec.ServiceSpec;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;

/** Checks a merged scenario for meaning (ranges, references, cycles) and resolves names to indices. */
final class ScenarioValidator {

    /** Most replicas a service may have (keeps the action space and the state arrays small). */
    static final int MAX_REPLICAS = 16;

    private final ScenarioSpec spec;
    private final ScenarioLoader.Locator locator;
    private final List<String> errors = new ArrayList<>();

    ScenarioValidator(ScenarioSpec spec, ScenarioLoader.Locator locator) {
        this.spec = spec;
        this.locator = locator;
    }

    private void error(String path, String message) {
        errors.add(locator.at(path) + "field '" + path + "' " + message);
    }

    private void positive(String path, double v) {
        if (!(v > 0) || Double.isInfinite(v)) {
            error(path, "must be a positive number, got " + v);
        }
    }

    private void nonNegative(String path, double v) {
        if (!(v >= 0) || Double.isInfinite(v)) {
            error(path, "must be zero or positive, got " + v);
        }
    }

    private boolean present(String path, Object v) {
        if (v == null) {
            error(path, "is missing");
            return false;
        }
        return true;
    }

    Scenario validate() {
        if (spec.name() == null || spec.name().isBlank()) {
            error("name", "is missing");
        }
        positive("tickSeconds", spec.tickSeconds());
        if (spec.episodeTicks() < 1) {
            error("episodeTicks", "must be at least 1, got " + spec.episodeTicks());
        }
        List<String> services = new ArrayList<>();
        List<String> nodes = new ArrayList<>();
        int[] order = new int[0];
        if (present("topology", spec.topology())) {
            services = validateServices();
            nodes = validateNodes();
            order = callOrder(services);
            validateCapacity(nodes);
        }
        if (present("traffic", spec.traffic())) {
            var t = spec.traffic();
            positive("traffic.baseRps", t.baseRps());
            if (!(t.diurnalAmplitude() >= 0 && t.diurnalAmplitude() < 1)) {
                error("traffic.diurnalAmplitude", "must be in [0, 1), got " + t.diurnalAmplitude());
            }
            positive("traffic.diurnalPeriodSeconds", t.diurnalPeriodSeconds());
            nonNegative("traffic.noise", t.noise());
            nonNegative("traffic.flashCrowdsPerHour", t.flashCrowdsPerHour());
            if (!(t.flashCrowdMultiplier() >= 1)) {
                error("traffic.flashCrowdMultiplier", "must be at least 1, got " + t.flashCrowdMultiplier());
            }
            nonNegative("traffic.flashCrowdSeconds", t.flashCrowdSeconds());
            nonNegative("traffic.retries", t.retries());
        }
        List<Scenario.Fault> faults = validateFaults(services, nodes);
        List<FaultType> randomTypes = new ArrayList<>();
        if (spec.randomFaults() != null) {
            var r = spec.randomFaults();
            if (r.count() < 0) {
                error("randomFaults.count", "must be zero or positive, got " + r.count());
            }
            List<String> types = r.types() == null ? List.of() : r.types();
            for (int i = 0; i < types.size(); i++) {
                FaultType ft = FaultType.byId(types.get(i));
                if (ft == null) {
                    error("randomFaults.types[" + i + "]", "names an unknown fault type '" + types.get(i)
                            + "'; known: " + FaultType.ids());
                } else {
                    randomTypes.add(ft);
                }
            }
            if (r.count() > 0 && types.isEmpty()) {
                error("randomFaults.types", "must list at least one fault type when count > 0");
            }
            if (r.severities() != null) {
                r.severities().forEach((id, sev) -> {
                    if (!types.contains(id)) {
                        error("randomFaults.severities." + id, "is not one of randomFaults.types " + types);
                    } else if (sev == null || !(sev > 0) || Double.isInfinite(sev)) {
                        error("randomFaults.severities." + id, "must be positive, got " + sev);
                    }
                });
            }
            nonNegative("randomFaults.earliestSeconds", r.earliestSeconds());
            if (r.latestSeconds() < r.earliestSeconds()) {
                error("randomFaults.latestSeconds", "must not be before earliestSeconds, got " + r.latestSeconds());
            }
        }
        if (spec.deploys() != null) {
            nonNegative("deploys.perHour", spec.deploys().perHour());
            double minAge = spec.deploys().initialAgeMinSeconds();
            if (!(minAge >= 0 && minAge < 3600)) {
                error("deploys.initialAgeMinSeconds", "must be in [0, 3600), got " + minAge);
            }
        }
        int restarts = spec.history().recentRestarts();
        if (restarts < 0 || restarts > 10) {
            error("history.recentRestarts", "must be in [0, 10], got " + restarts);
        }
        int extra = spec.history().extraReplicas();
        if (extra < 0 || extra > 10) {
            error("history.extraReplicas", "must be in [0, 10], got " + extra);
        }
        double window = spec.measurement().rateWindowSeconds();
        if (!(window >= 0 && window <= 3600)) {
            error("measurement.rateWindowSeconds", "must be in [0, 3600], got " + window);
        }
        double sawtooth = spec.measurement().heapSawtooth();
        if (!(sawtooth >= 0 && sawtooth < 2)) {
            error("measurement.heapSawtooth", "must be in [0, 2), got " + sawtooth);
        }
        double tail = spec.measurement().latencyTail();
        if (!(tail >= 0 && tail <= 100)) {
            error("measurement.latencyTail", "must be in [0, 100], got " + tail);
        }
        double latencyError = spec.measurement().latencyError();
        if (!(latencyError >= 0 && latencyError <= 1)) {
            error("measurement.latencyError", "must be in [0, 1], got " + latencyError);
        }
        if (present("platform", spec.platform())) {
            double target = spec.platform().hpaTargetCpu();
            if (!(target > 0 && target <= 1)) {
                error("platform.hpaTargetCpu", "must be in (0, 1], got " + target);
            }
        }
        if (present("reward", spec.reward())) {
            nonNegative("reward.availability", spec.reward().availability());
            nonNegative("reward.cost", spec.reward().cost());
            nonNegative("reward.disruption", spec.reward().disruption());
            nonNegative("reward.redundancy", spec.reward().redundancy());
            nonNegative("reward.breaches", spec.reward().breaches());
        }
        if (present("recovery", spec.recovery())) {
            double th = spec.recovery().sloThreshold();
            if (!(th > 0 && th <= 1)) {
                error("recovery.sloThreshold", "must be in (0, 1], got " + th);
            }
            nonNegative("recovery.settleSeconds", spec.recovery().settleSeconds());
        }
        if (!errors.isEmpty()) {
            throw new ScenarioException(String.join("\n", errors));
        }
        return new Scenario(spec, services, nodes, order, faults, randomTypes);
    }

    private List<String> validateServices() {
        List<ServiceSpec> list = spec.topology().services();
        List<String> names = new ArrayList<>();
        if (list == null || list.isEmpty()) {
            error("topology.services", "must list at least one service");
            return names;
        }
        for (int i = 0; i < list.size(); i++) {
            ServiceSpec s = list.get(i);
            String p = "topology.services[" + i + "]";
            if (s.name() == null || s.name().isBlank() || !s.name().matches("[a-z][a-z0-9-]*")) {
                error(p + ".name", "must be a lowercase name ([a-z][a-z0-9-]*), got '" + s.name() + "'");
            } else if (names.contains(s.name())) {
                error(p + ".name", "repeats service '" + s.name() + "'");
            }
            names.add(s.name());
            positive(p + ".capacity", s.capacity());
            positive(p + ".baseLatencyMs", s.baseLatencyMs());
            if (!(s.sloMs() > s.baseLatencyMs())) {
                error(p + ".sloMs", "must be above baseLatencyMs (" + s.baseLatencyMs() + "), got " + s.sloMs());
            }
            if (!(s.timeoutMs() >= s.sloMs())) {
                error(p + ".timeoutMs", "must be at least sloMs (" + s.sloMs() + "), got " + s.timeoutMs());
            }
            positive(p + ".memoryMb", s.memoryMb());
            if (!(s.memoryLimitMb() > s.memoryMb())) {
                error(p + ".memoryLimitMb", "must be above memoryMb (" + s.memoryMb() + "), got " + s.memoryLimitMb());
            }
            positive(p + ".cpu", s.cpu());
            nonNegative(p + ".startupSeconds", s.startupSeconds());
            if (s.minReplicas() < 1) {
                error(p + ".minReplicas", "must be at least 1, got " + s.minReplicas());
            }
            if (s.maxReplicas() < s.minReplicas() || s.maxReplicas() > MAX_REPLICAS) {
                error(p + ".maxReplicas", "must be between minReplicas (" + s.minReplicas() + ") and "
                        + MAX_REPLICAS + ", got " + s.maxReplicas());
            }
            if (s.replicas() < s.minReplicas() || s.replicas() > s.maxReplicas()) {
                error(p + ".replicas", "must be between minReplicas and maxReplicas, got " + s.replicas());
            }
        }
        for (int i = 0; i < list.size(); i++) {
            List<DependencySpec> deps = list.get(i).dependencies() == null ? List.of() : list.get(i).dependencies();
            for (int j = 0; j < deps.size(); j++) {
                String p = "topology.services[" + i + "].dependencies[" + j + "]";
                DependencySpec d = deps.get(j);
                if (d.service() == null || !names.contains(d.service())) {
                    error(p + ".service", "names a missing service '" + d.service() + "'; services: " + names);
                } else if (d.service().equals(list.get(i).name())) {
                    error(p + ".service", "makes service '" + d.service() + "' call itself");
                }
                positive(p + ".fanout", d.fanout());
            }
        }
        return names;
    }

    private List<String> validateNodes() {
        List<NodeSpec> list = spec.topology().nodes();
        List<String> names = new ArrayList<>();
        if (list == null || list.isEmpty()) {
            error("topology.nodes", "must list at least one node");
            return names;
        }
        for (int i = 0; i < list.size(); i++) {
            NodeSpec n = list.get(i);
            String p = "topology.nodes[" + i + "]";
            if (n.name() == null || n.name().isBlank()) {
                error(p + ".name", "is missing");
            } else if (names.contains(n.name())) {
                error(p + ".name", "repeats node '" + n.name() + "'");
            }
            names.add(n.name());
            positive(p + ".cpu", n.cpu());
            positive(p + ".memoryMb", n.memoryMb());
        }
        return names;
    }

    private void validateCapacity(List<String> nodes) {
        if (!errors.isEmpty() || nodes.isEmpty()) {
            return;
        }
        double need = 0;
        double have = 0;
        for (ServiceSpec s : spec.topology().services()) {
            need += s.replicas() * s.memoryMb();
        }
        for (NodeSpec n : spec.topology().nodes()) {
            have += n.memoryMb();
        }
        if (need > have) {
            error("topology.nodes", "have " + have + " MB of memory in all, the initial replicas need " + need + " MB");
        }
    }

    /** Topological order, callers first; reports a cycle with its services. */
    private int[] callOrder(List<String> names) {
        int n = names.size();
        if (!errors.isEmpty()) {
            return new int[0];
        }
        List<ServiceSpec> list = spec.topology().services();
        int[] indegree = new int[n];
        for (ServiceSpec s : list) {
            for (DependencySpec d : s.dependencies() == null ? List.<DependencySpec>of() : s.dependencies()) {
                indegree[names.indexOf(d.service())]++;
            }
        }
        Deque<Integer> ready = new ArrayDeque<>();
        for (int i = 0; i < n; i++) {
            if (indegree[i] == 0) {
                ready.add(i);
            }
        }
        int[] order = new int[n];
        int k = 0;
        while (!ready.isEmpty()) {
            int i = ready.poll();
            order[k++] = i;
            for (DependencySpec d : list.get(i).dependencies() == null ? List.<DependencySpec>of() : list.get(i).dependencies()) {
                int j = names.indexOf(d.service());
                if (--indegree[j] == 0) {
                    ready.add(j);
                }
            }
        }
        if (k < n) {
            List<Integer> cycle = findCycle(list, names, indegree);
            StringBuilder path = new StringBuilder();
            for (int i : cycle) {
                path.append(names.get(i)).append(" -> ");
            }
            path.append(names.get(cycle.get(0)));
            error("topology.services[" + cycle.get(0) + "].dependencies", "form a cycle in the call graph: " + path);
            return new int[0];
        }
        if (order[0] != 0 && indegree.length > 0) {
            // The entry (first service) must not be called by anyone.
            for (ServiceSpec s : list) {
                for (DependencySpec d : s.dependencies() == null ? List.<DependencySpec>of() : s.dependencies()) {
                    if (d.service().equals(names.get(0))) {
                        error("topology.services[0].name", "is the entry point and must not be a dependency of '"
                                + s.name() + "'");
                        return new int[0];
                    }
                }
            }
        }
        return order;
    }

    /** A cycle among the services Kahn's algorithm could not order, as service indices in call order. */
    private static List<Integer> findCycle(List<ServiceSpec> list, List<String> names, int[] indegree) {
        int start = 0;
        while (indegree[start] == 0) {
            start++;
        }
        // Walk backwards along "is called by" edges inside the unordered set: it must loop.
        List<Integer> walk = new ArrayList<>();
        int cur = start;
        while (!walk.contains(cur)) {
            walk.add(cur);
            int next = -1;
            for (int i = 0; i < list.size() && next < 0; i++) {
                if (indegree[i] == 0) {
                    continue;
                }
                for (DependencySpec d : list.get(i).dependencies() == null ? List.<DependencySpec>of() : list.get(i).dependencies()) {
                    if (names.indexOf(d.service()) == cur) {
                        next = i;
                        break;
                    }
                }
            }
            cur = next;
        }
        List<Integer> cycle = new ArrayList<>(walk.subList(walk.indexOf(cur), walk.size()));
        java.util.Collections.reverse(cycle);
        int min = cycle.indexOf(java.util.Collections.min(cycle));
        java.util.Collections.rotate(cycle, -min);
        return cycle;
    }

    private List<Scenario.Fault> validateFaults(List<String> services, List<String> nodes) {
        List<Scenario.Fault> out = new ArrayList<>();
        List<FaultSpec> list = spec.faults() == null ? List.of() : spec.faults();
        double episodeSeconds = spec.tickSeconds() * spec.episodeTicks();
        for (int i = 0; i < list.size(); i++) {
            FaultSpec f = list.get(i);
            String p = "faults[" + i + "]";
            FaultType type = FaultType.byId(f.type());
            if (type == null) {
                error(p + ".type", "names an unknown fault type '" + f.type() + "'; known: " + FaultType.ids());
                continue;
            }
            String target = f.target() == null && type == FaultType.TRAFFIC_SPIKE && !services.isEmpty()
                    ? services.get(0) : f.target();
            int service = -1;
            int instance = -1;
            int node = -1;
            if (target == null) {
                error(p + ".target", "is missing (a service, service/index or node)");
                continue;
            }
            if (target.contains("/")) {
                String svc = target.substring(0, target.indexOf('/'));
                service = services.indexOf(svc);
                try {
                    instance = Integer.parseInt(target.substring(target.indexOf('/') + 1));
                } catch (NumberFormatException e) {
                    instance = -2;
                }
                if (!type.targets().contains(FaultType.TargetKind.INSTANCE)) {
                    error(p + ".target", "'" + target + "' is an instance, but " + type.id() + " targets "
                            + type.targets());
                } else if (service < 0) {
                    error(p + ".target", "names a missing service '" + svc + "'");
                } else if (instance < 0 || instance >= spec.topology().services().get(service).replicas()) {
                    error(p + ".target", "names instance '" + target + "', but " + svc + " starts with "
                            + spec.topology().services().get(service).replicas() + " replicas");
                }
            } else if (services.contains(target)) {
                service = services.indexOf(target);
                if (!type.targets().contains(FaultType.TargetKind.SERVICE)) {
                    error(p + ".target", "'" + target + "' is a service, but " + type.id() + " targets " + type.targets());
                }
            } else if (nodes.contains(target)) {
                node = nodes.indexOf(target);
                if (!type.targets().contains(FaultType.TargetKind.NODE)) {
                    error(p + ".target", "'" + target + "' is a node, but " + type.id() + " targets " + type.targets());
                }
            } else {
                error(p + ".target", "names neither a service nor a node: '" + target + "'");
                continue;
            }
            if (!(f.onsetSeconds() >= 0 && f.onsetSeconds() < episodeSeconds)) {
                error(p + ".onsetSeconds", "must be within the episode [0, " + episodeSeconds + "), got " + f.onsetSeconds());
            }
            double sevIn = f.severity() == null ? 0 : f.severity();
            double durIn = f.durationSeconds() == null ? 0 : f.durationSeconds();
            if (sevIn < 0 || (f.severity() != null && sevIn == 0)) {
                error(p + ".severity", "must be positive (leave it out for the type's default), got " + f.severity());
            }
            int duration = durIn > 0 ? Math.max(1, (int) Math.round(durIn / spec.tickSeconds())) : Integer.MAX_VALUE;
            out.add(new Scenario.Fault(type, target, service, instance, node,
                    (int) Math.round(f.onsetSeconds() / spec.tickSeconds()), duration,
                    sevIn > 0 ? sevIn : type.defaultSeverity()));
        }
        return out;
    }
}
