package io.autoops.env.live.heal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import io.autoops.core.healing.HealingAgent;
import io.prometheus.metrics.exporter.httpserver.HTTPServer;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Executors;

/**
 * The daemon's control API, on 127.0.0.1 only. Every endpoint but {@code /metrics} needs
 * {@code Authorization: Bearer <token>} (the token file is created with mode 600 if missing):
 * <pre>
 * GET  /status                      policy, paused, breaker, counts, escalations
 * GET  /alerts                      active alerts, and those Alertmanager sent
 * GET  /bus                         the agents' bus: messages delivered, dropped, failed per subscription
 * GET  /approvals                   actions waiting for approval
 * POST /approvals/{id}/approve      run it (guards are asked again)       X-AutoOps-Operator: name
 * POST /approvals/{id}/deny
 * POST /pause, /resume              stop or restart decisions (resume also closes the circuit breaker)
 * POST /alertmanager                Alertmanager's webhook: firing alerts trigger a decision at once
 * GET  /metrics                     the daemon's own Prometheus metrics
 * </pre>
 */
final class ControlApi implements AutoCloseable {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final HTTPServer server;
    private final String token;
    private final HealingDaemon daemon;
    private final DaemonMetrics metrics;

    ControlApi(HealConfig.Control config, HealingDaemon daemon, DaemonMetrics metrics) {
        this.daemon = daemon;
        this.metrics = metrics;
        this.token = token(config.tokenFile());
        try {
            this.server = HTTPServer.builder()
                    .inetAddress(InetAddress.getLoopbackAddress())
                    .port(config.port())
                    .registry(metrics.registry)
                    .executorService(Executors.newFixedThreadPool(2, r -> {
                        Thread t = new Thread(r, "control-api");
                        t.setDaemon(true);
                        return t;
                    }))
                    .defaultHandler(this::handle)
                    .buildAndStart();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start the control API on 127.0.0.1:" + config.port() + ": " + e.getMessage(), e);
        }
    }

    int port() {
        return server.getPort();
    }

    String token() {
        return token;
    }

    /** Reads the token file, or creates it (mode 600) with a fresh random token. */
    private static String token(Path file) {
        try {
            if (Files.exists(file)) {
                String t = Files.readString(file).strip();
                if (t.length() < 16) {
                    throw new IllegalArgumentException("token file " + file + " holds fewer than 16 characters");
                }
                return t;
            }
            byte[] b = new byte[24];
            new SecureRandom().nextBytes(b);
            String t = HexFormat.of().formatHex(b);
            Files.createDirectories(file.toAbsolutePath().getParent());
            Path tmp = Files.createTempFile(file.toAbsolutePath().getParent(), ".token-", ".tmp");
            try {
                Files.setPosixFilePermissions(tmp, PosixFilePermissions.fromString("rw-------"));
            } catch (UnsupportedOperationException e) {
                // not POSIX
            }
            Files.writeString(tmp, t + "\n");
            Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE);
            return t;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read or create token file " + file + ": " + e.getMessage(), e);
        }
    }

    private void handle(HttpExchange ex) throws IOException {
        try (ex) {
            String path = ex.getRequestURI().getPath();
            String method = ex.getRequestMethod();
            if (path.equals("/-/healthy")) {
                reply(ex, 200, Map.of("status", "ok"));
                return;
            }
            if (!authorised(ex)) {
                ex.getResponseHeaders().add("WWW-Authenticate", "Bearer");
                reply(ex, 401, Map.of("error", "a bearer token is required (Authorization: Bearer <token>)"));
                return;
            }
            String by = ex.getRequestHeaders().getFirst("X-AutoOps-Operator");
            by = by == null || by.isBlank() ? "operator" : by.strip();
            HealingAgent healer = daemon.healer();
            if (method.equals("GET") && path.equals("/status")) {
                reply(ex, 200, healer.status());
            } else if (method.equals("GET") && path.equals("/alerts")) {
                Map<String, Object> out = new LinkedHashMap<>();
                out.put("active", daemon.alerting().activeAlerts());
                out.put("fromAlertmanager", daemon.received());
                reply(ex, 200, out);
            } else if (method.equals("GET") && path.equals("/bus")) {
                reply(ex, 200, daemon.busStats());
            } else if (method.equals("GET") && path.equals("/approvals")) {
                reply(ex, 200, healer.pending());
            } else if (method.equals("POST") && path.matches("/approvals/[^/]+/(approve|deny)")) {
                String[] parts = path.split("/");
                String id = parts[2];
                boolean ok = parts[3].equals("approve") ? healer.approve(id, by) : healer.deny(id, by);
                if (ok && parts[3].equals("approve")) {
                    daemon.trigger("approval of " + id + " by " + by);
                }
                reply(ex, ok ? 200 : 404, ok ? Map.of(parts[3] + "d", id, "by", by)
                        : Map.of("error", "no pending approval " + id));
            } else if (method.equals("POST") && path.equals("/pause")) {
                healer.pause(by);
                reply(ex, 200, Map.of("paused", true));
            } else if (method.equals("POST") && path.equals("/resume")) {
                healer.resume(by);
                reply(ex, 200, Map.of("paused", false));
            } else if (method.equals("POST") && path.equals("/alertmanager")) {
                webhook(ex);
            } else {
                reply(ex, 404, Map.of("error", "no endpoint " + method + " " + path));
            }
        } catch (RuntimeException e) {
            reply(ex, 500, Map.of("error", e.toString()));
        }
    }

    /** Alertmanager's webhook payload (version 4): firing alerts trigger a decision at once. */
    private void webhook(HttpExchange ex) throws IOException {
        JsonNode body;
        try {
            body = JSON.readTree(ex.getRequestBody());
        } catch (IOException e) {
            reply(ex, 400, Map.of("error", "not JSON: " + e.getMessage()));
            return;
        }
        JsonNode alerts = body == null ? null : body.get("alerts");
        if (alerts == null || !alerts.isArray()) {
            reply(ex, 400, Map.of("error", "an Alertmanager webhook payload has an 'alerts' array"));
            return;
        }
        int firing = 0;
        for (JsonNode a : alerts) {
            Map<String, String> labels = new LinkedHashMap<>();
            a.path("labels").fields().forEachRemaining(e -> labels.put(e.getKey(), e.getValue().asText()));
            String status = a.path("status").asText("firing");
            labels.put("status", status);
            metrics.webhook(status);
            daemon.receivedAlert(labels);
            if (status.equals("firing") && !"autoops".equals(labels.get("source"))) {
                firing++;
            }
        }
        if (firing > 0) {
            daemon.trigger(firing + " firing alert(s) from Alertmanager");
        }
        reply(ex, 200, Map.of("received", alerts.size(), "triggered", firing > 0));
    }

    private boolean authorised(HttpExchange ex) {
        String h = ex.getRequestHeaders().getFirst("Authorization");
        if (h == null || !h.startsWith("Bearer ")) {
            return false;
        }
        return MessageDigest.isEqual(h.substring(7).strip().getBytes(StandardCharsets.UTF_8),
                token.getBytes(StandardCharsets.UTF_8));
    }

    private static void reply(HttpExchange ex, int status, Object body) throws IOException {
        byte[] b = JSON.writerWithDefaultPrettyPrinter().writeValueAsBytes(body);
        ex.getResponseHeaders().add("Content-Type", "application/json");
        ex.sendResponseHeaders(status, b.length);
        ex.getResponseBody().write(b);
    }

    @Override
    public void close() {
        server.close();
    }
}
