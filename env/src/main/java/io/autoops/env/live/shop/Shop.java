package io.autoops.env.live.shop;

import io.autoops.core.ops.Clock;
import io.autoops.env.live.prometheus.LiveQueries;
import io.autoops.env.live.prometheus.PrometheusClient;
import io.autoops.env.live.prometheus.PrometheusMetricSource;
import io.autoops.env.scenario.Scenario;
import io.autoops.env.scenario.ScenarioSpec;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.UnaryOperator;

/**
 * The demo shop: the e-commerce services of a scenario as real local processes on loopback, a load
 * generator, and a Prometheus (the Debian package's binary) scraping them every second. Its state lives
 * in one directory ({@code shop.json}, logs, Prometheus' config and data, file-based service discovery
 * under {@code targets/}) so that separate commands and the healing daemon can manage the same shop.
 * Every mutation holds a file lock. Thread-safe.
 */
public final class Shop {

    /** The service that receives the users' requests. */
    public static final String ENTRY = "gateway";
    /** Prometheus job name of the shop's instances. */
    public static final String JOB = "shop";

    /** How long before the start the shop's first version counts as deployed. */
    static final long INITIAL_DEPLOY_AGE_MILLIS = 45 * 60_000L;
    /** Where Debian's prometheus package puts the binary. */
    public static final Path DEFAULT_PROMETHEUS = Path.of("/usr/bin/prometheus");

    private static final Duration START_TIMEOUT = Duration.ofSeconds(60);

    private final Path dir;

    public Shop(Path dir) {
        this.dir = dir.toAbsolutePath().normalize();
    }

    public Path dir() {
        return dir;
    }

    /**
     * How to bring a shop up.
     *
     * @param rps         users' requests per second at the gateway
     * @param replicas    instances per service (at most the scenario's replica count)
     * @param workers     requests one instance serves at once
     * @param prometheus  the Prometheus binary
     */
    /**
     * @param alertmanager Alertmanager's base URL: Prometheus then evaluates the shop's alert rules
     *                     every second and sends what fires there; null for none
     */
    public record Options(double rps, int replicas, int workers, Path prometheus, String alertmanager) {
        public static Options defaults() {
            return new Options(20, 2, 16, DEFAULT_PROMETHEUS, null);
        }

        public Options withAlertmanager(String url) {
            return new Options(rps, replicas, workers, prometheus, url);
        }

        public Options {
            if (!(rps > 0)) {
                throw new IllegalArgumentException("rps must be > 0, got " + rps);
            }
            if (replicas < 1) {
                throw new IllegalArgumentException("replicas must be >= 1, got " + replicas);
            }
            if (workers < 1) {
                throw new IllegalArgumentException("workers must be >= 1, got " + workers);
            }
        }
    }

    /** A remediation the shop will not carry out in its current state (it is not a failure). */
    public static final class Refused extends IllegalStateException {
        public Refused(String message) {
            super(message);
        }
    }

    /** What {@link #status()} reports of one process. */
    public record ProcessStatus(String name, long pid, int port, String node, boolean alive) {
    }

    public boolean exists() {
        return Files.isRegularFile(dir.resolve("shop.json"));
    }

    public ShopState state() {
        return ShopState.read(dir);
    }

    public String prometheusUrl() {
        return "http://127.0.0.1:" + state().prometheusPort();
    }

    /**
     * Starts every instance, the load generator and Prometheus, and waits until all answer. A shop that
     * is already running in the directory is refused; on failure everything started is stopped again.
     */
    public ShopState up(Scenario scenario, Options options, Consumer<String> progress) {
        if (!Files.isExecutable(options.prometheus())) {
            throw new IllegalStateException("Prometheus binary not found at " + options.prometheus()
                    + ": install the Debian package `prometheus` (./autoops test does) or pass its path");
        }
        if (exists() && anyAlive(state())) {
            throw new IllegalStateException("a demo shop is already running in " + dir + ": `autoops shop down` first");
        }
        try {
            Files.createDirectories(dir.resolve("logs"));
            Files.createDirectories(dir.resolve("targets"));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create " + dir, e);
        }
        ShopState state = initialState(scenario, options);
        state.write(dir);
        writeTargets(state);
        try {
            for (ShopState.Instance inst : state.instances()) {
                progress.accept("starting " + inst.id() + " on 127.0.0.1:" + inst.port() + " (" + inst.node() + ")");
                mutate(s -> replace(s, startProcess(inst)));
            }
            for (ShopState.Instance inst : state().instances()) {
                awaitPort(inst.port(), inst.id());
            }
            progress.accept("starting Prometheus on 127.0.0.1:" + state.prometheusPort());
            long promPid = startPrometheus(state, options.prometheus(), options.alertmanager());
            mutate(s -> s.withProcesses(promPid, 0));
            awaitReady(state.prometheusPort());
            progress.accept("starting the load generator at " + options.rps() + " req/s");
            List<String> cmd = new ArrayList<>(javaCommand("-Xmx64m"));
            cmd.addAll(List.of(LoadGenerator.class.getName(), dir.toString(), Double.toString(options.rps())));
            long loadPid = launch("load", cmd);
            return mutate(s -> s.withProcesses(promPid, loadPid));
        } catch (RuntimeException e) {
            down(m -> { });
            throw e;
        }
    }

    /** Stops every process of the shop; the directory (logs, Prometheus data) stays for inspection until the next {@code up}. */
    public void down(Consumer<String> progress) {
        if (!exists()) {
            progress.accept("no demo shop in " + dir);
            return;
        }
        ShopState state = state();
        kill(state.loadPid(), "load generator", progress);
        // Every instance at once: stopped one by one, a loaded 2-core machine took half a minute.
        Map<Long, String> instances = new LinkedHashMap<>();
        for (ShopState.Instance inst : state.instances()) {
            instances.put(inst.pid(), inst.id());
        }
        killAll(instances, progress);
        kill(state.prometheusPid(), "prometheus", progress);
        List<ShopState.Instance> stopped = state.instances().stream().map(i -> i.withPid(0)).toList();
        mutate(s -> s.withInstances(stopped).withProcesses(0, 0));
    }

    public List<ProcessStatus> status() {
        ShopState s = state();
        List<ProcessStatus> out = new ArrayList<>();
        out.add(new ProcessStatus("prometheus", s.prometheusPid(), s.prometheusPort(), "", alive(s.prometheusPid())));
        out.add(new ProcessStatus("load", s.loadPid(), 0, "", alive(s.loadPid())));
        for (ShopState.Instance i : s.instances()) {
            out.add(new ProcessStatus(i.id(), i.pid(), i.port(), i.node(), alive(i.pid())));
        }
        return out;
    }

    /**
     * Injects a fault: {@code crash}, {@code leak}, {@code latency} and {@code cpu} act on one instance
     * ({@code replica}); {@code errors} deploys a broken version of the whole service (only a rollback fixes it).
     */
    public void fault(String service, int replica, String kind) {
        ShopState state = state();
        state.service(service);
        if (kind.equals("errors")) {
            mutate(s -> {
                ShopState.Service svc = s.service(service);
                String next = bump(svc.version());
                return s.withService(service, svc.withDeploy(next, svc.version(), true, System.currentTimeMillis()));
            });
            return;
        }
        ShopState.Instance inst = instance(state, service + "/" + replica);
        HttpRequest req = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + inst.port() + "/admin/fault?kind=" + kind))
                .timeout(Duration.ofSeconds(2)).POST(HttpRequest.BodyPublishers.noBody()).build();
        try {
            HttpResponse<String> resp = HttpClient.newHttpClient().send(req, HttpResponse.BodyHandlers.ofString());
            if (resp.statusCode() != 200) {
                throw new IllegalArgumentException(inst.id() + " refused the fault: " + resp.body());
            }
        } catch (IOException e) {
            if (!kind.equals("crash")) {
                throw new UncheckedIOException("cannot reach " + inst.id() + " on port " + inst.port(), e);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }

    /**
     * The live metric source of this shop: its Prometheus, the shop's queries, node capacities of this
     * machine's cores shared among the scenario's nodes (2 GiB each), data older than 5 s is stale.
     *
     * @param scenarios loads the shop's scenario by name
     */
    public PrometheusMetricSource metricSource(Function<String, Scenario> scenarios, Clock clock) {
        Scenario scenario = scenarios.apply(state().scenario());
        PrometheusClient client = new PrometheusClient(URI.create(prometheusUrl()), Duration.ofSeconds(2), 2,
                Duration.ofMillis(100));
        double cores = Runtime.getRuntime().availableProcessors() / (double) Math.max(1, scenario.nodes().size());
        return new PrometheusMetricSource(scenario, client, LiveQueries.shop(),
                new PrometheusMetricSource.NodeCapacity(cores, 2.0 * (1L << 30)), Duration.ofSeconds(5), clock);
    }

    /** Whether the instance's process is alive. */
    public boolean running(ShopState.Instance instance) {
        return alive(instance.pid());
    }

    // ===================================================================================== remediations

    /** Stops (if running) and starts one instance again on its port; returns once it accepts connections. */
    public void restart(String instanceId) {
        ShopState.Instance inst = instance(state(), instanceId);
        kill(inst.pid(), inst.id(), m -> { });
        ShopState.Instance started = startProcess(inst);
        mutate(s -> replace(s, started));
        awaitPort(started.port(), started.id());
    }

    /** Adds {@code count} instances to a service, placed on the least-loaded nodes. */
    public void scaleOut(String service, int count) {
        for (int k = 0; k < count; k++) {
            ShopState.Instance[] added = new ShopState.Instance[1];
            mutate(s -> {
                s.service(service);
                int replica = s.instancesOf(service).stream().mapToInt(ShopState.Instance::replica).max().orElse(-1) + 1;
                added[0] = new ShopState.Instance(service, replica, leastLoadedNode(s), freePort(), 0);
                List<ShopState.Instance> all = new ArrayList<>(s.instances());
                all.add(added[0]);
                return s.withInstances(all);
            });
            ShopState.Instance started = startProcess(added[0]);
            mutate(s -> replace(s, started));
            awaitPort(started.port(), started.id());
        }
    }

    /** Removes the newest {@code count} instances of a service, never the last one. */
    public void scaleIn(String service, int count) {
        for (int k = 0; k < count; k++) {
            List<ShopState.Instance> of = state().instancesOf(service);
            if (of.size() <= 1) {
                throw new Refused("scale-in refused: " + service + " has one instance left");
            }
            ShopState.Instance last = of.get(of.size() - 1);
            mutate(s -> s.withInstances(s.instances().stream().filter(i -> !i.id().equals(last.id())).toList()));
            kill(last.pid(), last.id(), m -> { });
        }
    }

    /** Returns a service to its previous version and restarts its instances one by one. */
    public void rollback(String service) {
        mutate(s -> {
            ShopState.Service svc = s.service(service);
            if (svc.previous() == null) {
                throw new Refused("rollback refused: " + service + " has no previous version");
            }
            return s.withService(service, svc.withDeploy(svc.previous(), null, false, System.currentTimeMillis()));
        });
        for (ShopState.Instance inst : state().instancesOf(service)) {
            restart(inst.id());
        }
    }

    /**
     * Cordons {@code node} (nothing is placed on it again) and moves its instances: each is restarted on
     * the least-loaded other node.
     */
    public void drain(String node) {
        ShopState state = mutate(s -> {
            if (!s.nodes().contains(node)) {
                throw new IllegalArgumentException("no node '" + node + "' in the shop; nodes: " + s.nodes());
            }
            if (s.cordoned().contains(node)) {
                throw new Refused("drain refused: " + node + " is already drained");
            }
            if (s.cordoned().size() + 1 >= s.nodes().size()) {
                throw new Refused("drain refused: " + node + " is the last schedulable node");
            }
            return s.withCordoned(node);
        });
        for (ShopState.Instance inst : state.instances()) {
            if (inst.node().equals(node)) {
                mutate(s -> replace(s, instance(s, inst.id()).withNode(leastLoadedNode(s))));
                restart(inst.id());
            }
        }
    }

    // ========================================================================================= internals

    private ShopState initialState(Scenario scenario, Options options) {
        Map<String, ShopState.Service> services = new LinkedHashMap<>();
        List<ShopState.Instance> instances = new ArrayList<>();
        List<String> nodes = scenario.nodes();
        int placed = 0;
        // The first version counts as deployed 45 minutes before the shop starts, as a running system's
        // would be (the simulator starts episodes with versions 30-60 minutes old): a fresh shop does not
        // look like one just deployed, which a policy would read as a hint to roll back.
        long deployed = System.currentTimeMillis() - INITIAL_DEPLOY_AGE_MILLIS;
        for (ScenarioSpec.ServiceSpec s : scenario.spec().topology().services()) {
            List<ShopState.Dependency> deps = s.dependencies().stream()
                    .map(d -> new ShopState.Dependency(d.service(), d.fanout(), d.critical())).toList();
            services.put(s.name(), new ShopState.Service(s.baseLatencyMs(), s.sloMs(), s.timeoutMs(), options.workers(),
                    deps, "v1", null, false, deployed));
            int n = Math.max(1, Math.min(options.replicas(), s.replicas()));
            for (int r = 0; r < n; r++) {
                instances.add(new ShopState.Instance(s.name(), r, nodes.get(placed++ % nodes.size()), freePort(), 0));
            }
        }
        if (!services.containsKey(ENTRY)) {
            throw new IllegalArgumentException("scenario " + scenario.name() + " has no '" + ENTRY + "' service to send users to");
        }
        return new ShopState(scenario.name(), freePort(), 0, 0, options.rps(), services, instances, nodes, List.of());
    }

    private ShopState.Instance startProcess(ShopState.Instance inst) {
        List<String> cmd = new ArrayList<>(javaCommand("-Xmx128m", "-XX:+ExitOnOutOfMemoryError"));
        cmd.addAll(List.of(ShopInstance.class.getName(), dir.toString(), inst.service(), Integer.toString(inst.replica())));
        return inst.withPid(launch(inst.service() + "-" + inst.replica(), cmd));
    }

    private static List<String> javaCommand(String... jvmOptions) {
        List<String> cmd = new ArrayList<>();
        cmd.add(ProcessHandle.current().info().command().orElse("java"));
        cmd.addAll(List.of(jvmOptions));
        cmd.addAll(List.of("-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1", "-Xss512k",
                "-cp", System.getProperty("java.class.path")));
        return cmd;
    }

    private long launch(String name, List<String> cmd) {
        Path log = dir.resolve("logs").resolve(name + ".log");
        try {
            Process p = new ProcessBuilder(cmd).redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile())).start();
            return p.pid();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start " + name + ": " + e.getMessage(), e);
        }
    }

    /** Alert rules Prometheus evaluates for the shop when an Alertmanager is given. */
    static final String ALERT_RULES = """
            # Written by `autoops shop up --alertmanager URL`: what an operator of the shop would alert on.
            groups:
              - name: shop
                rules:
                  - alert: ShopInstanceDown
                    expr: up{job="shop"} == 0
                    labels: {severity: critical}
                    annotations: {description: "an instance of {{ $labels.service }} does not answer"}
                  - alert: ShopErrorRateHigh
                    expr: sum by (service) (rate(shop_requests_total{job="shop",outcome="error"}[5s])) / sum by (service) (rate(shop_requests_total{job="shop"}[5s])) > 0.05
                    for: 2s
                    labels: {severity: critical}
                    annotations: {description: "{{ $labels.service }} fails more than 5% of requests"}
            """;

    private long startPrometheus(ShopState state, Path binary, String alertmanager) {
        Path config = dir.resolve("prometheus.yml");
        String yaml = """
                # Written by `autoops shop up`: scrape the demo shop every second.
                global:
                  scrape_interval: 1s
                  evaluation_interval: 1s
                scrape_configs:
                  - job_name: %s
                    scrape_timeout: 900ms
                    file_sd_configs:
                      - files: ['%s/*.json']
                        refresh_interval: 1s
                """.formatted(JOB, dir.resolve("targets"));
        if (alertmanager != null) {
            String hostPort = java.net.URI.create(alertmanager).getAuthority();
            yaml += """
                    rule_files: ['%s']
                    alerting:
                      alertmanagers:
                        - static_configs:
                            - targets: ['%s']
                    """.formatted(dir.resolve("alert-rules.yml"), hostPort);
        }
        try {
            if (alertmanager != null) {
                Files.writeString(dir.resolve("alert-rules.yml"), ALERT_RULES, StandardCharsets.UTF_8);
            }
            Files.writeString(config, yaml, StandardCharsets.UTF_8);
            // A new shop starts with empty storage: the series of an earlier run's instances (killed without
            // staleness markers) would still count as instances for five minutes and skew every reading.
            Path data = dir.resolve("prometheus-data");
            if (Files.exists(data)) {
                try (var tree = Files.walk(data)) {
                    for (Path p : tree.sorted(java.util.Comparator.reverseOrder()).toList()) {
                        Files.delete(p);
                    }
                }
            }
            Files.createDirectories(data);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + config, e);
        }
        return launch("prometheus", List.of(binary.toString(), "--config.file=" + config,
                "--storage.tsdb.path=" + dir.resolve("prometheus-data"),
                "--storage.tsdb.retention.time=1d",
                "--web.listen-address=127.0.0.1:" + state.prometheusPort(),
                "--web.enable-lifecycle"));
    }

    /** Prometheus file-based service discovery: one file per service, rewritten on every change. */
    private void writeTargets(ShopState state) {
        for (String service : state.services().keySet()) {
            StringBuilder sb = new StringBuilder("[\n");
            List<ShopState.Instance> of = state.instancesOf(service);
            for (int k = 0; k < of.size(); k++) {
                ShopState.Instance i = of.get(k);
                sb.append("  {\"targets\": [\"127.0.0.1:").append(i.port()).append("\"], \"labels\": {\"service\": \"")
                        .append(service).append("\", \"replica\": \"").append(i.replica()).append("\", \"node\": \"")
                        .append(i.node()).append("\"}}").append(k + 1 < of.size() ? ",\n" : "\n");
            }
            sb.append("]\n");
            Path file = dir.resolve("targets").resolve(service + ".json");
            Path tmp = dir.resolve("targets").resolve(service + ".json.tmp");
            try {
                Files.writeString(tmp, sb.toString(), StandardCharsets.UTF_8);
                Files.move(tmp, file, java.nio.file.StandardCopyOption.REPLACE_EXISTING,
                        java.nio.file.StandardCopyOption.ATOMIC_MOVE);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot write " + file, e);
            }
        }
    }

    /** Read, change and write the state under the shop's file lock; the targets follow. */
    private ShopState mutate(UnaryOperator<ShopState> change) {
        try (FileChannel ch = FileChannel.open(dir.resolve("shop.lock"), StandardOpenOption.CREATE, StandardOpenOption.WRITE);
             FileLock lock = ch.lock()) {
            ShopState next = change.apply(state());
            next.write(dir);
            writeTargets(next);
            return next;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot lock " + dir.resolve("shop.lock"), e);
        }
    }

    private static ShopState replace(ShopState s, ShopState.Instance inst) {
        List<ShopState.Instance> all = new ArrayList<>(s.instances());
        for (int k = 0; k < all.size(); k++) {
            if (all.get(k).id().equals(inst.id())) {
                all.set(k, inst);
                return s.withInstances(all);
            }
        }
        throw new IllegalStateException("no instance " + inst.id() + " in the shop");
    }

    private static ShopState.Instance instance(ShopState s, String id) {
        return s.instances().stream().filter(i -> i.id().equals(id)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no instance '" + id + "' in the shop; instances: "
                        + s.instances().stream().map(ShopState.Instance::id).toList()));
    }

    /** The schedulable node with the fewest instances (the first such in the scenario's order). */
    private static String leastLoadedNode(ShopState s) {
        Map<String, Integer> load = new LinkedHashMap<>();
        for (String n : s.nodes()) {
            if (!s.cordoned().contains(n)) {
                load.put(n, 0);
            }
        }
        for (ShopState.Instance i : s.instances()) {
            load.computeIfPresent(i.node(), (n, c) -> c + 1);
        }
        return load.entrySet().stream().min(Map.Entry.comparingByValue()).map(Map.Entry::getKey)
                .orElseThrow(() -> new Refused("no schedulable node left to place an instance on"));
    }

    private static String bump(String version) {
        return "v" + (Integer.parseInt(version.substring(1)) + 1);
    }

    private static boolean anyAlive(ShopState s) {
        return alive(s.prometheusPid()) || alive(s.loadPid()) || s.instances().stream().anyMatch(i -> alive(i.pid()));
    }

    static boolean alive(long pid) {
        return pid > 0 && ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false);
    }

    /** Asks every process to stop, then waits up to 10 s in all before forcing the ones left. */
    private static void killAll(Map<Long, String> processes, Consumer<String> progress) {
        List<ProcessHandle> stopping = new ArrayList<>();
        processes.forEach((pid, name) -> (pid > 0 ? ProcessHandle.of(pid) : Optional.<ProcessHandle>empty())
                .filter(ProcessHandle::isAlive).ifPresent(h -> {
                    progress.accept("stopping " + name + " (pid " + pid + ")");
                    h.destroy();
                    stopping.add(h);
                }));
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        for (ProcessHandle h : stopping) {
            try {
                h.onExit().get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
            } catch (Exception e) {
                h.destroyForcibly();
            }
        }
    }

    private static void kill(long pid, String name, Consumer<String> progress) {
        killAll(Map.of(pid, name), progress);
    }

    static int freePort() {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException("no free loopback port", e);
        }
    }

    private static void awaitPort(int port, String name) {
        long end = System.nanoTime() + START_TIMEOUT.toNanos();
        while (System.nanoTime() < end) {
            try (Socket ignored = new Socket(InetAddress.getLoopbackAddress(), port)) {
                return;
            } catch (IOException e) {
                sleep(100);
            }
        }
        throw new IllegalStateException(name + " did not open 127.0.0.1:" + port + " within " + START_TIMEOUT.toSeconds()
                + " s (see its log under logs/)");
    }

    private void awaitReady(int port) {
        HttpClient client = HttpClient.newHttpClient();
        long end = System.nanoTime() + START_TIMEOUT.toNanos();
        while (System.nanoTime() < end) {
            try {
                HttpResponse<Void> r = client.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/-/ready"))
                        .timeout(Duration.ofSeconds(1)).build(), HttpResponse.BodyHandlers.discarding());
                if (r.statusCode() == 200) {
                    return;
                }
            } catch (IOException e) {
                // not up yet
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted", e);
            }
            sleep(200);
        }
        throw new IllegalStateException("Prometheus did not become ready on 127.0.0.1:" + port + " within "
                + START_TIMEOUT.toSeconds() + " s (see " + dir.resolve("logs/prometheus.log") + ")");
    }

    private static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }
}
