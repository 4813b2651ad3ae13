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
import java.util.List;
import java.util.Map;

/**
 * Sends alerts to Alertmanager's API v2 ({@code POST /api/v2/alerts}): firing alerts with a start
 * time, resolved ones with an end time, labelled {@code alertname}, {@code severity}, the alert's own
 * labels and {@code source=autoops}. A failure throws, so the alerting agent retries with back-off.
 */
public final class AlertmanagerChannel implements NotificationChannel {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final URI alerts;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    public AlertmanagerChannel(String baseUrl) {
        this.alerts = URI.create(baseUrl.replaceAll("/+$", "") + "/api/v2/alerts");
    }

    @Override
    public void send(String event, Alert alert) throws IOException, InterruptedException {
        Map<String, String> labels = new LinkedHashMap<>();
        labels.put("alertname", alert.rule().replace(':', '_'));
        labels.put("severity", alert.severity().name().toLowerCase(java.util.Locale.ROOT));
        labels.put("source", "autoops");
        labels.putAll(alert.labels());
        post(labels, String.join("; ", alert.context()), Instant.ofEpochMilli(alert.firedAt()),
                alert.state() == Alert.State.RESOLVED ? Instant.ofEpochMilli(alert.resolvedAt()) : null);
    }

    /** Posts one alert (also used for escalations, which are not rule alerts). */
    public void post(Map<String, String> labels, String description, Instant startsAt, Instant endsAt)
            throws IOException, InterruptedException {
        Map<String, Object> a = new LinkedHashMap<>();
        a.put("labels", labels);
        a.put("annotations", Map.of("description", description));
        a.put("startsAt", startsAt.toString());
        if (endsAt != null) {
            a.put("endsAt", endsAt.toString());
        }
        HttpRequest req = HttpRequest.newBuilder(alerts).timeout(Duration.ofSeconds(5))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofByteArray(JSON.writeValueAsBytes(List.of(a)))).build();
        HttpResponse<String> res = http.send(req, HttpResponse.BodyHandlers.ofString());
        if (res.statusCode() / 100 != 2) {
            throw new IOException("Alertmanager " + alerts + " answered " + res.statusCode() + ": " + res.body());
        }
    }
}
