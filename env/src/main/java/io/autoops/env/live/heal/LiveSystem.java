package io.autoops.env.live.heal;

import io.autoops.core.healing.Guards;
import io.autoops.core.mdp.DiscreteSpace;
import io.autoops.core.ops.Actuator;
import io.autoops.core.ops.Clock;
import io.autoops.core.ops.DryRunActuator;
import io.autoops.core.ops.MetricSource;
import io.autoops.core.ops.Remediation;
import io.autoops.env.live.k8s.KubernetesActuator;
import io.autoops.env.live.process.ProcessActuator;
import io.autoops.env.live.prometheus.LiveQueries;
import io.autoops.env.live.prometheus.PrometheusClient;
import io.autoops.env.live.prometheus.PrometheusMetricSource;
import io.autoops.env.live.shop.Shop;
import io.autoops.env.live.shop.ShopState;
import io.autoops.env.scenario.Scenario;
import io.autoops.env.scenario.ScenarioLoader;
import io.autoops.env.sim.SimSpaces;

import java.net.URI;
import java.time.Duration;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What a configuration points the daemon at: the metric source, the actuator (or a dry run of it),
 * the topology (where instances are placed, for the blast radius of a drain; who calls whom, for the
 * root-cause guard) and the scenario's actions.
 */
public record LiveSystem(Scenario scenario, MetricSource source, Actuator actuator, Guards.Topology topology,
                         List<Remediation> actions, DiscreteSpace actionSpace, String description) {

    public static LiveSystem open(HealConfig config, boolean dryRun, Clock clock) {
        Scenario scenario = ScenarioLoader.load(config.scenario());
        MetricSource source;
        Actuator actuator;
        java.util.function.Function<String, Map<String, Integer>> placement;
        String description;
        if (config.shop() != null) {
            Shop shop = new Shop(config.shop());
            if (!shop.exists()) {
                throw new IllegalArgumentException("no demo shop in " + config.shop() + " (start one with ./autoops shop up)");
            }
            source = shop.metricSource(ScenarioLoader::load, clock);
            actuator = new ProcessActuator(shop);
            placement = node -> {
                Map<String, Integer> on = new HashMap<>();
                for (ShopState.Instance i : shop.state().instances()) {
                    if (i.node().equals(node)) {
                        on.merge(i.service(), 1, Integer::sum);
                    }
                }
                return on;
            };
            description = "the demo shop's processes (" + config.shop() + ")";
        } else {
            HealConfig.Prometheus p = config.prometheus();
            LiveQueries defaults = config.kubernetes() != null ? LiveQueries.kubernetes() : LiveQueries.shop();
            Map<String, String> s = new LinkedHashMap<>(defaults.service());
            s.putAll(p.serviceQueries());
            Map<String, String> n = new LinkedHashMap<>(defaults.node());
            n.putAll(p.nodeQueries());
            LiveQueries q = new LiveQueries(s, n, defaults.lastScrape(), p.job(), defaults.window());
            source = new PrometheusMetricSource(scenario, new PrometheusClient(URI.create(p.url()), p.timeout(), 2,
                    Duration.ofMillis(100)), q, new PrometheusMetricSource.NodeCapacity(
                    p.nodeCpuCores() > 0 ? p.nodeCpuCores() : 1, p.nodeMemoryBytes() > 0 ? p.nodeMemoryBytes() : 8.0 * (1L << 30)),
                    p.stale(), clock);
            KubernetesActuator k = KubernetesActuator.connect(config.kubernetes().namespace(), config.kubernetes().appLabel());
            actuator = k;
            placement = k::instancesOn;
            description = "Kubernetes namespace " + config.kubernetes().namespace();
        }
        if (dryRun) {
            actuator = new DryRunActuator(description, actuator);
        }
        Map<String, List<String>> calls = calls(scenario);
        java.util.function.Function<String, Map<String, Integer>> where = placement;
        Guards.Topology topology = new Guards.Topology() {
            @Override
            public Map<String, Integer> instancesOn(String node) {
                return where.apply(node);
            }

            @Override
            public Map<String, List<String>> calls() {
                return calls;
            }
        };
        return new LiveSystem(scenario, source, actuator, topology, SimSpaces.remediations(scenario),
                SimSpaces.actionSpace(scenario), description);
    }

    /** Callees per service, from the scenario's call graph. */
    public static Map<String, List<String>> calls(Scenario scenario) {
        return scenario.callGraph();
    }
}
