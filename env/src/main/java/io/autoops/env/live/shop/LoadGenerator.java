package io.autoops.env.live.shop;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The shop's users: a process sending {@code GET /work} to the gateway's instances, round robin, at a
 * fixed rate (open loop: a slow gateway does not slow the users down, as on a real site).
 */
public final class LoadGenerator {

    private LoadGenerator() {
    }

    public static void main(String[] args) {
        if (args.length != 2) {
            System.err.println("usage: LoadGenerator SHOP_DIR RPS");
            System.exit(2);
        }
        Path dir = Path.of(args[0]);
        double rps = Double.parseDouble(args[1]);
        HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofMillis(500))
                .executor(Executors.newFixedThreadPool(4, ShopInstance.daemon("load"))).build();
        ScheduledExecutorService timer = Executors.newScheduledThreadPool(1);
        AtomicReference<List<Integer>> ports = new AtomicReference<>(gatewayPorts(dir));
        double gatewayTimeout = ShopState.read(dir).service(Shop.ENTRY).timeoutMs();
        AtomicLong sent = new AtomicLong();
        timer.scheduleWithFixedDelay(() -> {
            try {
                ports.set(gatewayPorts(dir));
            } catch (RuntimeException e) {
                System.err.println("cannot read the shop state: " + e.getMessage());
            }
        }, 1, 1, TimeUnit.SECONDS);
        long periodNanos = (long) (1e9 / rps);
        timer.scheduleAtFixedRate(() -> {
            List<Integer> p = ports.get();
            if (p.isEmpty()) {
                return;
            }
            int port = p.get((int) (sent.getAndIncrement() % p.size()));
            HttpRequest req = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/work"))
                    .timeout(Duration.ofMillis((long) gatewayTimeout)).GET().build();
            client.sendAsync(req, HttpResponse.BodyHandlers.discarding());
        }, 0, periodNanos, TimeUnit.NANOSECONDS);
        System.out.println("sending " + rps + " req/s to the gateway");
    }

    private static List<Integer> gatewayPorts(Path dir) {
        return ShopState.read(dir).instancesOf(Shop.ENTRY).stream().filter(i -> i.pid() != 0)
                .map(ShopState.Instance::port).toList();
    }
}
