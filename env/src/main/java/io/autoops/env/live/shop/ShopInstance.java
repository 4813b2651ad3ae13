package io.autoops.env.live.shop;

import com.sun.net.httpserver.HttpExchange;
import io.prometheus.metrics.core.metrics.Counter;
import io.prometheus.metrics.core.metrics.Gauge;
import io.prometheus.metrics.core.metrics.GaugeWithCallback;
import io.prometheus.metrics.core.metrics.Histogram;
import io.prometheus.metrics.exporter.httpserver.HTTPServer;
import io.prometheus.metrics.instrumentation.jvm.ProcessMetrics;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * One instance of a demo-shop service: a real process serving {@code GET /work} over HTTP on loopback,
 * calling its dependencies over HTTP, and exposing Prometheus metrics on {@code /metrics} of the same
 * port. Faults are injected with {@code POST /admin/fault?kind=crash|leak|latency|cpu}; a bad deployment
 * (errors) is a property of the service's deployed version in the shop state, so only a rollback fixes it.
 *
 * <p>Metrics: {@code shop_requests_total{outcome="ok|error"}}, {@code shop_request_duration_seconds}
 * (histogram), {@code shop_busy_seconds_total} and {@code shop_workers} (utilisation),
 * {@code shop_memory_used_bytes} / {@code shop_memory_limit_bytes}, {@code shop_start_time_seconds},
 * {@code shop_deploy_timestamp_seconds}, and the process metrics of the Prometheus Java client.
 */
public final class ShopInstance {

    /** Extra latency of a latency fault. */
    static final long INJECTED_LATENCY_MS = 400;
    /** Share of requests a bad deployment fails. */
    static final double BAD_DEPLOY_ERROR_SHARE = 0.6;
    /** Heap a memory leak retains per second. */
    static final int LEAK_BYTES_PER_SECOND = 8 << 20;

    private final Path dir;
    private final String service;
    private final int replica;
    private final HttpClient client = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofMillis(300))
            .executor(Executors.newFixedThreadPool(8, daemon("client")))
            .build();
    private final Counter requests;
    private final Histogram duration;
    private final Counter busy;
    private final Gauge deployTime;
    private final Semaphore workers;
    private final AtomicInteger roundRobin = new AtomicInteger();
    private final List<byte[]> leaked = new ArrayList<>();

    private volatile ShopState.Service spec;
    /** Per dependency (in the order of the service's dependencies): its running instances' ports and its timeout. */
    private volatile List<Route> routes = List.of();
    private volatile long injectedLatencyMs;
    private volatile boolean leaking;

    private ShopInstance(Path dir, String service, int replica) {
        this.dir = dir;
        this.service = service;
        this.replica = replica;
        ShopState state = ShopState.read(dir);
        this.spec = state.service(service);
        this.workers = new Semaphore(spec.workers(), true);
        requests = Counter.builder().name("shop_requests_total").help("Requests answered, by outcome")
                .labelNames("outcome").register();
        requests.labelValues("ok");
        requests.labelValues("error");
        duration = Histogram.builder().name("shop_request_duration_seconds").help("Request latency")
                .classicOnly().classicUpperBounds(0.005, 0.01, 0.025, 0.05, 0.075, 0.1, 0.15, 0.2, 0.25, 0.3, 0.4,
                        0.5, 0.75, 1, 1.5, 2, 3, 5).register();
        busy = Counter.builder().name("shop_busy_seconds_total").help("Worker-seconds spent serving requests").register();
        Gauge.builder().name("shop_workers").help("Requests one instance serves at once").register().set(spec.workers());
        Gauge.builder().name("shop_start_time_seconds").help("When this process started")
                .register().set(System.currentTimeMillis() / 1000.0);
        deployTime = Gauge.builder().name("shop_deploy_timestamp_seconds").help("When the running version was deployed")
                .register();
        deployTime.set(spec.deployedAt() / 1000.0);
        Runtime rt = Runtime.getRuntime();
        GaugeWithCallback.builder().name("shop_memory_used_bytes").help("Heap in use")
                .callback(cb -> cb.call(rt.totalMemory() - rt.freeMemory())).register();
        GaugeWithCallback.builder().name("shop_memory_limit_bytes").help("Heap limit (above it the process dies)")
                .callback(cb -> cb.call(rt.maxMemory())).register();
        ProcessMetrics.builder().register();
        refresh();
    }

    public static void main(String[] args) throws Exception {
        if (args.length != 3) {
            System.err.println("usage: ShopInstance SHOP_DIR SERVICE REPLICA");
            System.exit(2);
        }
        ShopInstance instance = new ShopInstance(Path.of(args[0]), args[1], Integer.parseInt(args[2]));
        instance.serve();
        new java.util.concurrent.CountDownLatch(1).await(); // serve until killed
    }

    private void serve() throws IOException {
        ShopState.Instance me = ShopState.read(dir).instancesOf(service).stream()
                .filter(i -> i.replica() == replica).findFirst()
                .orElseThrow(() -> new IllegalStateException("no slot " + service + "/" + replica + " in the shop state"));
        HTTPServer.builder()
                .inetAddress(InetAddress.getLoopbackAddress())
                .port(me.port())
                .executorService(Executors.newFixedThreadPool(64, daemon("http")))
                .defaultHandler(this::handle)
                .buildAndStart();
        var timer = Executors.newSingleThreadScheduledExecutor(daemon("refresh"));
        timer.scheduleWithFixedDelay(this::refresh, 1, 1, TimeUnit.SECONDS);
        timer.scheduleWithFixedDelay(this::leak, 1, 1, TimeUnit.SECONDS);
        System.out.println(service + "/" + replica + " serving on 127.0.0.1:" + me.port());
    }

    /** Re-reads the shop state: the deployed version and where the dependencies' instances are. */
    private void refresh() {
        try {
            ShopState state = ShopState.read(dir);
            spec = state.service(service);
            deployTime.set(spec.deployedAt() / 1000.0);
            List<Route> r = new ArrayList<>();
            for (ShopState.Dependency d : spec.dependencies()) {
                r.add(new Route(state.instancesOf(d.service()).stream().filter(i -> i.pid() != 0)
                        .map(ShopState.Instance::port).toList(), state.service(d.service()).timeoutMs()));
            }
            routes = r;
        } catch (RuntimeException e) {
            System.err.println("refresh failed (keeping the last state): " + e.getMessage());
        }
    }

    private void leak() {
        if (leaking) {
            leaked.add(new byte[LEAK_BYTES_PER_SECOND]);
        }
    }

    private void handle(HttpExchange ex) throws IOException {
        String path = ex.getRequestURI().getPath();
        try (ex) {
            if (path.equals("/work")) {
                work(ex);
            } else if (path.equals("/admin/fault") && ex.getRequestMethod().equals("POST")) {
                fault(ex);
            } else {
                reply(ex, 404, "not found: " + path);
            }
        }
    }

    private void fault(HttpExchange ex) throws IOException {
        String q = ex.getRequestURI().getQuery();
        String kind = q != null && q.startsWith("kind=") ? q.substring(5) : "";
        switch (kind) {
            case "crash" -> {
                reply(ex, 200, "crashing");
                Runtime.getRuntime().halt(1);
            }
            case "leak" -> leaking = true;
            case "latency" -> injectedLatencyMs = INJECTED_LATENCY_MS;
            case "cpu" -> {
                Thread hog = new Thread(() -> {
                    while (true) {
                        Thread.onSpinWait(); // burns a core, as a runaway loop does
                    }
                }, "cpu-hog");
                hog.setDaemon(true);
                hog.start();
            }
            default -> {
                reply(ex, 400, "unknown fault kind '" + kind + "' (crash, leak, latency, cpu)");
                return;
            }
        }
        reply(ex, 200, "fault " + kind + " injected");
    }

    private void work(HttpExchange ex) throws IOException {
        long start = System.nanoTime();
        ShopState.Service s = spec;
        int status;
        try {
            if (!workers.tryAcquire((long) s.timeoutMs(), TimeUnit.MILLISECONDS)) {
                status = 503; // every worker busy for a whole timeout
            } else {
                long held = System.nanoTime();
                try {
                    status = serveOne(s);
                } finally {
                    busy.inc((System.nanoTime() - held) / 1e9);
                    workers.release();
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            status = 503;
        }
        boolean ok = status == 200;
        requests.labelValues(ok ? "ok" : "error").inc();
        duration.observe((System.nanoTime() - start) / 1e9);
        reply(ex, status, ok ? "ok" : "error");
    }

    private int serveOne(ShopState.Service s) throws InterruptedException {
        Thread.sleep((long) s.baseLatencyMs() + injectedLatencyMs);
        if (s.bad() && ThreadLocalRandom.current().nextDouble() < BAD_DEPLOY_ERROR_SHARE) {
            return 500;
        }
        List<ShopState.Dependency> deps = s.dependencies();
        List<Route> ports = routes;
        List<CompletableFuture<Boolean>> calls = new ArrayList<>();
        List<Boolean> critical = new ArrayList<>();
        for (int d = 0; d < deps.size() && d < ports.size(); d++) {
            ShopState.Dependency dep = deps.get(d);
            int n = callsFor(dep.fanout());
            for (int k = 0; k < n; k++) {
                calls.add(call(ports.get(d)));
                critical.add(dep.critical());
            }
        }
        for (int c = 0; c < calls.size(); c++) {
            boolean good = calls.get(c).join();
            if (!good && critical.get(c)) {
                return 502;
            }
        }
        return 200;
    }

    private static int callsFor(double fanout) {
        int whole = (int) Math.floor(fanout);
        return whole + (ThreadLocalRandom.current().nextDouble() < fanout - whole ? 1 : 0);
    }

    /** One call to a dependency, round robin over its instances; a refused connection is retried once elsewhere. */
    private CompletableFuture<Boolean> call(Route route) {
        List<Integer> ports = route.ports();
        if (ports.isEmpty()) {
            return CompletableFuture.completedFuture(false);
        }
        double timeout = route.timeoutMs();
        int first = Math.floorMod(roundRobin.getAndIncrement(), ports.size());
        return send(ports.get(first), timeout).thenCompose(r -> {
            if (r != null || ports.size() == 1) {
                return CompletableFuture.completedFuture(r != null && r == 200);
            }
            return send(ports.get((first + 1) % ports.size()), timeout).thenApply(r2 -> r2 != null && r2 == 200);
        });
    }

    /** The status code, or null when the connection was refused (the instance is gone); timeouts are failures. */
    private CompletableFuture<Integer> send(int port, double timeoutMs) {
        HttpRequest req = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/work"))
                .timeout(Duration.ofMillis((long) timeoutMs)).GET().build();
        return client.sendAsync(req, HttpResponse.BodyHandlers.discarding())
                .handle((resp, err) -> {
                    if (err == null) {
                        return resp.statusCode();
                    }
                    Throwable cause = err.getCause() != null ? err.getCause() : err;
                    return cause instanceof java.net.ConnectException ? null : 504;
                });
    }

    private static void reply(HttpExchange ex, int status, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        ex.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = ex.getResponseBody()) {
            out.write(bytes);
        }
    }

    private record Route(List<Integer> ports, double timeoutMs) {
    }

    static java.util.concurrent.ThreadFactory daemon(String name) {
        AtomicInteger n = new AtomicInteger();
        return r -> {
            Thread t = new Thread(r, name + "-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        };
    }
}
