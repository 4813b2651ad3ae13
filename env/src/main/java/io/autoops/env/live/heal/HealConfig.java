package io.autoops.env.live.heal;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.autoops.core.healing.HealingSettings;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The healing daemon's configuration ({@code live.yaml}). Relative paths are resolved against the
 * file's directory. Every field but the source and actuator has a default; see {@code examples/live.yaml}.
 *
 * @param scenario     the topology the policy was trained on: its observation schema and actions
 * @param interval     time between decisions
 * @param shop         a demo shop's state directory: Prometheus and the process actuator come from it
 * @param prometheus   Prometheus to read (when not a shop)
 * @param kubernetes   act on a Kubernetes cluster instead of processes
 * @param audit        the audit log
 * @param control      the control API
 * @param alertmanager where alerts go (optional)
 * @param webhooks     further URLs every alert event is posted to as JSON (none by default)
 * @param guards       the safety guards
 */
public record HealConfig(String scenario, Duration interval, Path shop, Prometheus prometheus, Kubernetes kubernetes,
                         Path audit, Control control, Alertmanager alertmanager, List<Webhook> webhooks,
                         HealingSettings guards) {

    public HealConfig {
        webhooks = List.copyOf(webhooks);
    }

    /** @param url base URL; @param job the services' job; @param queries overrides per feature suffix */
    public record Prometheus(String url, String job, Duration timeout, Duration stale, Map<String, String> serviceQueries,
                             Map<String, String> nodeQueries, double nodeCpuCores, double nodeMemoryBytes) {
    }

    /** @param namespace where the Deployments are; @param appLabel the pod label naming a service */
    public record Kubernetes(String namespace, String appLabel) {
    }

    /** @param port 0 picks a free one (written to {@code control.port} next to the audit log); @param tokenFile the bearer token */
    public record Control(int port, Path tokenFile) {
    }

    public record Alertmanager(String url) {
    }

    /** @param url where alert events are posted; @param headers sent with every request (e.g. Authorization) */
    public record Webhook(java.net.URI url, Map<String, String> headers) {
        public Webhook {
            headers = Map.copyOf(headers);
        }
    }

    // ---------------------------------------------------------------------------- YAML, as written

    private record Yaml(String scenario, String interval, String shop, YProm prometheus, YKube kubernetes, String audit,
                        YControl control, YAlert alertmanager, List<YWebhook> webhooks, YGuards guards) {
    }

    private record YProm(String url, String job, String timeout, String stale, Map<String, String> serviceQueries,
                         Map<String, String> nodeQueries, Double nodeCpuCores, Double nodeMemoryBytes) {
    }

    private record YKube(String namespace, String appLabel) {
    }

    private record YControl(Integer port, String tokenFile) {
    }

    private record YAlert(String url) {
    }

    private record YWebhook(String url, Map<String, String> headers) {
    }

    private record YGuards(List<String> allowedKinds, List<String> deniedTargets, Integer perTargetLimit,
                           Integer globalLimit, String rateWindow, Double maxUnavailableShare, String cooldown,
                           List<String> approvalKinds, String approvalTtl, Integer breakerFailures, String breakerWindow,
                           String actionTimeout, String verifyAfter, Map<String, String> fallbacks, YHealth health,
                           String settle) {
    }

    private record YHealth(Double errorRate, @JsonProperty("p99LatencyRatio") Double p99LatencyRatio, Double memory,
                           Double nodeCpu) {
    }

    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory())
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES);

    /** Thrown for a configuration that cannot be used; the message names the file and field. */
    public static final class ConfigException extends IllegalArgumentException {
        public ConfigException(String message, Throwable cause) {
            super(message, cause);
        }
    }

    /** The documented example configuration (for the demo shop). */
    public static String example() {
        try (var in = HealConfig.class.getResourceAsStream("live-example.yaml")) {
            return new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    /**
     * Defaults for a demo shop in {@code shopDir}, the audit log and token in {@code stateDir}. The scenario is
     * {@code shop}: the shop's services and nodes with 2 instances each, as {@code shop up} starts them, so
     * that the replicas a policy counts as surplus (and the rules scale back to) are the shop's.
     */
    public static HealConfig forShop(Path shopDir, Path stateDir) {
        return new HealConfig("shop", Duration.ofSeconds(1), shopDir, null, null, stateDir.resolve("audit.jsonl"),
                new Control(0, stateDir.resolve("token")), null, List.of(), HealingSettings.defaults());
    }

    /** This configuration with other guards. */
    public HealConfig withGuards(HealingSettings g) {
        return new HealConfig(scenario, interval, shop, prometheus, kubernetes, audit, control, alertmanager, webhooks, g);
    }

    /** This configuration sending alerts to Alertmanager at {@code url}, the control API on {@code port}. */
    public HealConfig withAlertmanager(String url, int port) {
        return new HealConfig(scenario, interval, shop, prometheus, kubernetes, audit, new Control(port, control.tokenFile()),
                url == null ? null : new Alertmanager(url), webhooks, guards);
    }

    public static HealConfig load(Path file) {
        Yaml y;
        try {
            y = YAML.readValue(Files.readAllBytes(file), Yaml.class);
        } catch (NoSuchFileException e) {
            throw new ConfigException("no configuration file " + file, e);
        } catch (JsonMappingException e) {
            String where = e.getLocation() == null ? "" : " line " + e.getLocation().getLineNr();
            String field = e.getPath().stream().map(r -> r.getFieldName() == null ? "[" + r.getIndex() + "]" : r.getFieldName())
                    .reduce((a, b) -> a + "." + b).orElse("");
            throw new ConfigException(file + where + (field.isEmpty() ? "" : ", field " + field) + ": " + e.getOriginalMessage(), e);
        } catch (IOException e) {
            throw new ConfigException("cannot read " + file + ": " + e.getMessage(), e);
        }
        if (y == null) {
            throw new ConfigException(file + " is empty", null);
        }
        Path base = file.toAbsolutePath().getParent();
        try {
            return of(y, base);
        } catch (IllegalArgumentException e) {
            throw new ConfigException(file + ": " + e.getMessage(), e);
        }
    }

    private static HealConfig of(Yaml y, Path base) {
        Path shop = y.shop() == null ? null : base.resolve(y.shop());
        if (shop == null && (y.prometheus() == null || y.prometheus().url() == null)) {
            throw new IllegalArgumentException("field prometheus.url (or shop) is required: where to read metrics");
        }
        if (shop == null && y.kubernetes() == null) {
            throw new IllegalArgumentException("field kubernetes (or shop) is required: what to act on");
        }
        YProm p = y.prometheus() == null ? new YProm(null, null, null, null, null, null, null, null) : y.prometheus();
        Prometheus prom = new Prometheus(p.url(), p.job() == null ? "shop" : p.job(),
                duration("prometheus.timeout", p.timeout(), Duration.ofSeconds(2)),
                duration("prometheus.stale", p.stale(), Duration.ofSeconds(5)),
                p.serviceQueries() == null ? Map.of() : Map.copyOf(p.serviceQueries()),
                p.nodeQueries() == null ? Map.of() : Map.copyOf(p.nodeQueries()),
                p.nodeCpuCores() == null ? 0 : p.nodeCpuCores(), p.nodeMemoryBytes() == null ? 0 : p.nodeMemoryBytes());
        Kubernetes kube = y.kubernetes() == null ? null : new Kubernetes(
                y.kubernetes().namespace() == null ? "default" : y.kubernetes().namespace(),
                y.kubernetes().appLabel() == null ? "app" : y.kubernetes().appLabel());
        YControl c = y.control() == null ? new YControl(null, null) : y.control();
        if (c.port() != null && (c.port() < 0 || c.port() > 65535)) {
            throw new IllegalArgumentException("field control.port must be 0..65535, got " + c.port());
        }
        Path auditFile = base.resolve(y.audit() == null ? ".autoops/heal/audit.jsonl" : y.audit());
        Control control = new Control(c.port() == null ? 0 : c.port(),
                c.tokenFile() == null ? auditFile.resolveSibling("token") : base.resolve(c.tokenFile()));
        Duration interval = duration("interval", y.interval(), Duration.ofSeconds(1));
        if (interval.toMillis() < 100) {
            throw new IllegalArgumentException("field interval must be at least 100ms, got " + y.interval());
        }
        return new HealConfig(y.scenario() == null ? "ecommerce" : y.scenario(), interval, shop, prom, kube, auditFile, control,
                y.alertmanager() == null || y.alertmanager().url() == null ? null : new Alertmanager(y.alertmanager().url()),
                webhooks(y.webhooks()), guards(y.guards()));
    }

    private static List<Webhook> webhooks(List<YWebhook> ys) {
        if (ys == null) {
            return List.of();
        }
        List<Webhook> out = new java.util.ArrayList<>();
        for (int i = 0; i < ys.size(); i++) {
            YWebhook w = ys.get(i);
            String field = "webhooks[" + i + "].url";
            if (w == null || w.url() == null) {
                throw new IllegalArgumentException("field " + field + " is required");
            }
            java.net.URI uri;
            try {
                uri = new java.net.URI(w.url());
            } catch (java.net.URISyntaxException e) {
                throw new IllegalArgumentException("field " + field + " is not a URL: '" + w.url() + "'");
            }
            if (uri.getScheme() == null || !(uri.getScheme().equals("http") || uri.getScheme().equals("https"))
                    || uri.getHost() == null) {
                throw new IllegalArgumentException("field " + field + " must be an http(s) URL with a host, got '" + w.url() + "'");
            }
            out.add(new Webhook(uri, w.headers() == null ? Map.of() : w.headers()));
        }
        return out;
    }

    private static HealingSettings guards(YGuards g) {
        HealingSettings d = HealingSettings.defaults();
        if (g == null) {
            return d;
        }
        HealingSettings.Health h = d.health();
        if (g.health() != null) {
            YHealth y = g.health();
            h = new HealingSettings.Health(or(y.errorRate(), h.errorRate()), or(y.p99LatencyRatio(), h.p99LatencyRatio()),
                    or(y.memory(), h.memory()), or(y.nodeCpu(), h.nodeCpu()));
        }
        try {
            return new HealingSettings(
                    g.allowedKinds() == null ? d.allowedKinds() : Set.copyOf(g.allowedKinds()),
                    g.deniedTargets() == null ? d.deniedTargets() : Set.copyOf(g.deniedTargets()),
                    g.perTargetLimit() == null ? d.perTargetLimit() : g.perTargetLimit(),
                    g.globalLimit() == null ? d.globalLimit() : g.globalLimit(),
                    millis("guards.rateWindow", g.rateWindow(), d.rateWindowMillis()),
                    or(g.maxUnavailableShare(), d.maxUnavailableShare()),
                    millis("guards.cooldown", g.cooldown(), d.cooldownMillis()),
                    g.approvalKinds() == null ? d.approvalKinds() : Set.copyOf(g.approvalKinds()),
                    millis("guards.approvalTtl", g.approvalTtl(), d.approvalTtlMillis()),
                    g.breakerFailures() == null ? d.breakerFailures() : g.breakerFailures(),
                    millis("guards.breakerWindow", g.breakerWindow(), d.breakerWindowMillis()),
                    millis("guards.actionTimeout", g.actionTimeout(), d.actionTimeoutMillis()),
                    millis("guards.verifyAfter", g.verifyAfter(), d.verifyAfterMillis()),
                    g.fallbacks() == null ? d.fallbacks() : g.fallbacks(), h,
                    millis("guards.settle", g.settle(), d.settleMillis()));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("guards: " + e.getMessage(), e);
        }
    }

    private static double or(Double v, double d) {
        return v == null ? d : v;
    }

    private static final Pattern DURATION = Pattern.compile("(\\d+(?:\\.\\d+)?)\\s*(ms|s|m|h)");

    private static long millis(String field, String text, long dflt) {
        return text == null ? dflt : duration(field, text, null).toMillis();
    }

    /** Parses {@code 500ms}, {@code 30s}, {@code 5m}, {@code 1h}; an error names the field and value. */
    public static Duration duration(String field, String text, Duration dflt) {
        if (text == null) {
            return dflt;
        }
        Matcher m = DURATION.matcher(text.strip().toLowerCase(Locale.ROOT));
        if (!m.matches()) {
            throw new IllegalArgumentException("field " + field + ": '" + text + "' is not a duration (like 500ms, 30s, 5m, 1h)");
        }
        double v = Double.parseDouble(m.group(1));
        long unit = switch (m.group(2)) {
            case "ms" -> 1;
            case "s" -> 1_000;
            case "m" -> 60_000;
            default -> 3_600_000;
        };
        return Duration.ofMillis(Math.round(v * unit));
    }
}
