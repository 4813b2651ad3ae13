package io.autoops.env.live.heal;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.autoops.core.alerting.Alert;
import io.autoops.core.alerting.NotificationChannel;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * Posts every alert event as JSON to a URL (a chat hook, an incident tool, a script): {@code event}
 * (fired, acknowledged, resolved, escalated, ...), {@code source: autoops} and the alert: id, rule,
 * severity, state, labels, value, fired / acknowledged / resolved times (ISO-8601), who acknowledged,
 * whether it escalated, its incident and its context lines. Extra headers (e.g. an Authorization
 * header) go with every request. A non-2xx answer or a network error throws, so the alerting agent
 * retries with back-off and the alert is not lost.
 */
public final class WebhookChannel implements NotificationChannel {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final URI url;
    private final Map<String, String> headers;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    public WebhookChannel(URI url, Map<String, String> headers) {
        this.url = url;
        this.headers = Map.copyOf(headers);
    }

    @Override
    public void send(String event, Alert alert) throws IOException, InterruptedException {
        HttpRequest.Builder req = HttpRequest.newBuilder(url).timeout(Duration.ofSeconds(5))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofByteArray(JSON.writeValueAsBytes(payload(event, alert))));
        headers.forEach(req::header);
        HttpResponse<String> res = http.send(req.build(), HttpResponse.BodyHandlers.ofString());
        if (res.statusCode() / 100 != 2) {
            throw new IOException("webhook " + url + " answered " + res.statusCode() + ": " + res.body());
        }
    }

    /** The JSON document sent for one event. */
    static Map<String, Object> payload(String event, Alert alert) {
        Map<String, Object> a = new LinkedHashMap<>();
        a.put("id", alert.id());
        a.put("rule", alert.rule());
        a.put("severity", alert.severity().name().toLowerCase(Locale.ROOT));
        a.put("state", alert.state().name().toLowerCase(Locale.ROOT));
        a.put("labels", alert.labels());
        a.put("value", Double.isFinite(alert.value()) ? alert.value() : null);
        a.put("firedAt", Instant.ofEpochMilli(alert.firedAt()).toString());
        a.put("acknowledgedBy", alert.acknowledgedBy());
        a.put("acknowledgedAt", alert.acknowledgedBy() == null ? null : Instant.ofEpochMilli(alert.acknowledgedAt()).toString());
        a.put("resolvedAt", alert.state() == Alert.State.RESOLVED ? Instant.ofEpochMilli(alert.resolvedAt()).toString() : null);
        a.put("escalated", alert.escalated());
        a.put("incident", alert.incident());
        a.put("context", alert.context());
        Map<String, Object> doc = new LinkedHashMap<>();
        doc.put("event", event);
        doc.put("source", "autoops");
        doc.put("alert", a);
        return doc;
    }
}
