package io.autoops.env.live.shop;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What is running in a demo shop, persisted as {@code shop.json} in its directory so that the CLI, the
 * healing daemon and the instances themselves agree. Written atomically (temporary file, then move).
 *
 * @param scenario        the scenario whose topology the shop runs
 * @param prometheusPort  Prometheus' loopback port
 * @param prometheusPid   Prometheus' process id (0 when not running)
 * @param loadPid         the load generator's process id (0 when not running)
 * @param rps             external requests per second the load generator sends to the gateway
 * @param services        per service: its parameters and deployed version
 * @param instances       every instance slot: service, replica index, node, port and pid (0 when stopped)
 * @param nodes           the node labels instances are placed on (the scenario's nodes)
 * @param cordoned        nodes drained: nothing is placed on them again while the shop runs
 */
public record ShopState(String scenario, int prometheusPort, long prometheusPid, long loadPid, double rps,
                        Map<String, Service> services, List<Instance> instances, List<String> nodes,
                        List<String> cordoned) {

    static final ObjectMapper JSON = new ObjectMapper()
            .enable(SerializationFeature.INDENT_OUTPUT)
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

    public ShopState {
        services = new LinkedHashMap<>(services);
        instances = List.copyOf(instances);
        nodes = List.copyOf(nodes);
        cordoned = List.copyOf(cordoned);
    }

    /**
     * One service of the shop.
     *
     * @param baseLatencyMs  own work per request
     * @param sloMs          latency objective
     * @param timeoutMs      callers give up after this long
     * @param workers        requests one instance serves at once; more wait
     * @param dependencies   calls made per request
     * @param version        deployed version
     * @param previous       version a rollback returns to
     * @param bad            whether the deployed version is broken (answers errors until rolled back)
     * @param deployedAt     when the version was deployed (epoch ms)
     */
    public record Service(double baseLatencyMs, double sloMs, double timeoutMs, int workers,
                          List<Dependency> dependencies, String version, String previous, boolean bad,
                          long deployedAt) {
        public Service withDeploy(String newVersion, String newPrevious, boolean newBad, long at) {
            return new Service(baseLatencyMs, sloMs, timeoutMs, workers, dependencies, newVersion, newPrevious, newBad, at);
        }
    }

    /** A call to {@code service}, {@code fanout} times per request (below 1: that share of requests). */
    public record Dependency(String service, double fanout, boolean critical) {
    }

    /** One instance slot; {@code pid == 0} when its process is not running. */
    public record Instance(String service, int replica, String node, int port, long pid) {
        public String id() {
            return service + "/" + replica;
        }

        public Instance withPid(long newPid) {
            return new Instance(service, replica, node, port, newPid);
        }

        public Instance withNode(String newNode) {
            return new Instance(service, replica, newNode, port, pid);
        }
    }

    public static ShopState read(Path dir) {
        Path file = dir.resolve("shop.json");
        if (!Files.isRegularFile(file)) {
            throw new IllegalStateException("no demo shop in " + dir + " (" + file.getFileName()
                    + " is missing): start one with `autoops shop up`");
        }
        try {
            return JSON.readValue(file.toFile(), ShopState.class);
        } catch (IOException e) {
            throw new IllegalStateException("cannot read " + file + ": " + e.getMessage(), e);
        }
    }

    public void write(Path dir) {
        Path file = dir.resolve("shop.json");
        Path tmp = dir.resolve("shop.json.tmp");
        try {
            JSON.writeValue(tmp.toFile(), this);
            try {
                Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file, e);
        }
    }

    public List<Instance> instancesOf(String service) {
        return instances.stream().filter(i -> i.service().equals(service)).toList();
    }

    public Service service(String name) {
        Service s = services.get(name);
        if (s == null) {
            throw new IllegalArgumentException("no service '" + name + "' in the shop; services: " + services.keySet());
        }
        return s;
    }

    public ShopState withInstances(List<Instance> newInstances) {
        return new ShopState(scenario, prometheusPort, prometheusPid, loadPid, rps, services, newInstances, nodes, cordoned);
    }

    public ShopState withService(String name, Service service) {
        Map<String, Service> m = new LinkedHashMap<>(services);
        m.put(name, service);
        return new ShopState(scenario, prometheusPort, prometheusPid, loadPid, rps, m, instances, nodes, cordoned);
    }

    public ShopState withProcesses(long newPrometheusPid, long newLoadPid) {
        return new ShopState(scenario, prometheusPort, newPrometheusPid, newLoadPid, rps, services, instances, nodes, cordoned);
    }

    public ShopState withCordoned(String node) {
        List<String> c = new ArrayList<>(cordoned);
        c.add(node);
        return new ShopState(scenario, prometheusPort, prometheusPid, loadPid, rps, services, instances, nodes, c);
    }
}
