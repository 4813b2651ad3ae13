package io.autoops.core.alerting;

import io.autoops.core.analysis.AnomalyWatch;

import io.autoops.core.monitoring.Sample;
import io.autoops.core.monitoring.SeriesKey;
import io.autoops.core.ops.Clock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.DoubleSupplier;

/**
 * The alerting agent. It evaluates threshold rules on every sample (a rule fires only after its
 * condition held for its {@code for} duration), takes anomaly alerts from the analysis agent, keeps
 * one active alert per rule and series (de-duplication), resolves alerts by itself when their
 * condition clears (with hysteresis), lets an operator acknowledge them, groups related alerts (same
 * service, or any alert within the grouping window of an open incident's start) into one incident so
 * that a fault does not cause an alert storm, raises the severity to critical while the SLO is hurt,
 * escalates alerts left unresolved past a deadline, and notifies channels, retrying a failing channel
 * with back-off without ever dropping the notification. History is bounded and queryable.
 *
 * <p>Time comes from the injected clock; call {@link #tick()} regularly for escalation and retries.
 * Methods are synchronized.
 */
public final class AlertingAgent {

    private static final Logger LOG = LoggerFactory.getLogger(AlertingAgent.class);

    /** Settings. */
    public record Settings(long groupWindowMillis, long escalateAfterMillis, int historySize, long retryMillis) {
        public static Settings defaults() {
            return new Settings(120_000, 600_000, 1_000, 5_000);
        }
    }

    private final Clock clock;
    private final Settings settings;
    private final List<AlertRule> rules = new ArrayList<>();
    private final List<NotificationChannel> channels = new ArrayList<>();
    private final Map<String, Long> pendingSince = new LinkedHashMap<>();
    private final Map<String, Alert> active = new LinkedHashMap<>();
    private final Deque<Alert> history = new ArrayDeque<>();
    private final Map<String, long[]> incidents = new LinkedHashMap<>(); // id -> {start, last}
    private final Map<String, String> incidentService = new LinkedHashMap<>();
    private final Deque<Object[]> outbox = new ArrayDeque<>(); // {channelIndex, event, alert, nextTry, tries}
    private DoubleSupplier sloGoodShare = () -> 1.0;
    private double sloThreshold = 0.95;
    private long counter;
    private long notificationFailures;

    public AlertingAgent(Clock clock, Settings settings) {
        this.clock = clock;
        this.settings = settings;
    }

    public synchronized void addRule(AlertRule rule) {
        rules.add(rule);
    }

    public synchronized void addChannel(NotificationChannel channel) {
        channels.add(channel);
    }

    /** Where the current SLO attainment comes from: alerts are critical while it is below {@code threshold}. */
    public synchronized void sloImpact(DoubleSupplier goodShare, double threshold) {
        this.sloGoodShare = goodShare;
        this.sloThreshold = threshold;
    }

    /** Evaluates the rules on one sample (subscribe this to the monitoring agent). */
    public synchronized void onSample(Sample s) {
        long now = s.atMillis();
        SeriesKey key = s.key();
        for (AlertRule r : rules) {
            if (!key.matches(r.metric(), r.match())) {
                continue;
            }
            String id = r.name() + key.labels();
            Alert a = active.get(id);
            if (a != null) {
                if (r.cleared(s.value())) {
                    resolve(id, now);
                } else {
                    active.put(id, with(a, s.value(), a.severity()));
                }
                continue;
            }
            if (r.firing(s.value())) {
                long since = pendingSince.computeIfAbsent(id, k -> now);
                if (now - since >= r.forMillis()) {
                    pendingSince.remove(id);
                    fire(id, r.name(), key.labels(), r.severity(), s.value(), now,
                            r.description() + " (" + r.metric() + (r.above() ? " > " : " < ") + r.threshold() + ")");
                }
            } else {
                pendingSince.remove(id);
            }
        }
    }

    /** An anomaly from the analysis agent: fires (or refreshes) {@code anomaly:<detector>} on that series. */
    public synchronized void onAnomaly(String detector, SeriesKey key, double score, List<String> context) {
        String id = "anomaly:" + detector + key.labels() + key.metric();
        Alert a = active.get(id);
        if (a == null) {
            fire(id, "anomaly:" + detector, key.labels(), Severity.WARNING, score, clock.millis(),
                    "anomalous " + key.metric() + " (score " + String.format(java.util.Locale.ROOT, "%.2f", score) + ")"
                            + (context.isEmpty() ? "" : "; " + String.join("; ", context)));
        } else {
            active.put(id, with(a, score, a.severity()));
        }
    }

    /** Resolves an anomaly alert once the detector calms down. */
    public synchronized void anomalyCleared(String detector, SeriesKey key) {
        String id = "anomaly:" + detector + key.labels() + key.metric();
        if (active.containsKey(id)) {
            resolve(id, clock.millis());
        }
    }

    /** This agent as the destination of an analysis {@link AnomalyWatch}: anomalies raise and clear anomaly alerts. */
    public AnomalyWatch.Listener anomalyListener() {
        return new AnomalyWatch.Listener() {
            @Override
            public void anomaly(String detector, SeriesKey key, double score) {
                onAnomaly(detector, key, score, List.of());
            }

            @Override
            public void cleared(String detector, SeriesKey key) {
                anomalyCleared(detector, key);
            }
        };
    }

    public synchronized boolean acknowledge(String alertId, String by) {
        for (Map.Entry<String, Alert> e : active.entrySet()) {
            Alert a = e.getValue();
            if (a.id().equals(alertId) && a.state() == Alert.State.ACTIVE) {
                Alert ack = new Alert(a.id(), a.rule(), a.labels(), a.severity(), Alert.State.ACKNOWLEDGED, a.value(),
                        a.firedAt(), by, clock.millis(), -1, a.escalated(), a.incident(), a.context());
                e.setValue(ack);
                notify("acknowledged", ack);
                return true;
            }
        }
        return false;
    }

    /** Escalation of old alerts, SLO-driven severity, and notification retries. */
    public synchronized void tick() {
        long now = clock.millis();
        boolean hurt = sloGoodShare.getAsDouble() < sloThreshold;
        for (Map.Entry<String, Alert> e : active.entrySet()) {
            Alert a = e.getValue();
            Severity sev = hurt ? Severity.CRITICAL : a.severity();
            boolean escalate = !a.escalated() && now - a.firedAt() >= settings.escalateAfterMillis();
            if (sev != a.severity() || escalate) {
                Alert b = new Alert(a.id(), a.rule(), a.labels(), escalate ? Severity.CRITICAL : sev, a.state(), a.value(),
                        a.firedAt(), a.acknowledgedBy(), a.acknowledgedAt(), -1, a.escalated() || escalate, a.incident(),
                        a.context());
                e.setValue(b);
                if (escalate) {
                    notify("escalated", b);
                }
            }
        }
        deliver(now);
    }

    public synchronized List<Alert> activeAlerts() {
        return List.copyOf(active.values());
    }

    /** Past alerts (resolved), newest last, at most {@code historySize}. */
    public synchronized List<Alert> history() {
        return List.copyOf(history);
    }

    /** Alerts (active and past) of one incident. */
    public synchronized List<Alert> incident(String incident) {
        List<Alert> out = new ArrayList<>();
        history.stream().filter(a -> a.incident().equals(incident)).forEach(out::add);
        active.values().stream().filter(a -> a.incident().equals(incident)).forEach(out::add);
        return out;
    }

    public synchronized List<String> incidents() {
        return List.copyOf(incidents.keySet());
    }

    public synchronized int pendingNotifications() {
        return outbox.size();
    }

    public synchronized long notificationFailures() {
        return notificationFailures;
    }

    private void fire(String key, String rule, Map<String, String> labels, Severity severity, double value, long now,
                      String description) {
        String incident = incidentFor(labels.getOrDefault("service", labels.getOrDefault("node", "")), now);
        List<String> context = new ArrayList<>();
        context.add(description);
        active.values().stream().filter(a -> a.incident().equals(incident))
                .forEach(a -> context.add("related: " + a.rule() + " " + a.labels()));
        Alert a = new Alert("alert-" + (++counter), rule, labels, severity, Alert.State.ACTIVE, value, now, null, -1, -1,
                false, incident, context);
        active.put(key, a);
        notify("fired", a);
    }

    /** The open incident this alert belongs to (same service, or started within the grouping window), or a new one. */
    private String incidentFor(String service, long now) {
        for (Map.Entry<String, long[]> e : incidents.entrySet()) {
            long[] t = e.getValue();
            boolean open = active.values().stream().anyMatch(a -> a.incident().equals(e.getKey()));
            boolean sameService = !service.isEmpty() && service.equals(incidentService.get(e.getKey()));
            if (open && (sameService || now - t[0] <= settings.groupWindowMillis())) {
                t[1] = now;
                return e.getKey();
            }
        }
        String id = "incident-" + (incidents.size() + 1);
        incidents.put(id, new long[] {now, now});
        incidentService.put(id, service);
        return id;
    }

    private void resolve(String key, long now) {
        Alert a = active.remove(key);
        Alert r = new Alert(a.id(), a.rule(), a.labels(), a.severity(), Alert.State.RESOLVED, a.value(), a.firedAt(),
                a.acknowledgedBy(), a.acknowledgedAt(), now, a.escalated(), a.incident(), a.context());
        history.addLast(r);
        while (history.size() > settings.historySize()) {
            history.removeFirst();
        }
        notify("resolved", r);
    }

    private static Alert with(Alert a, double value, Severity sev) {
        return new Alert(a.id(), a.rule(), a.labels(), sev, a.state(), value, a.firedAt(), a.acknowledgedBy(),
                a.acknowledgedAt(), a.resolvedAt(), a.escalated(), a.incident(), a.context());
    }

    private void notify(String event, Alert alert) {
        for (int c = 0; c < channels.size(); c++) {
            outbox.addLast(new Object[] {c, event, alert, clock.millis(), 0});
        }
        deliver(clock.millis());
    }

    private void deliver(long now) {
        int n = outbox.size();
        for (int k = 0; k < n; k++) {
            Object[] m = outbox.removeFirst();
            if ((long) m[3] > now) {
                outbox.addLast(m);
                continue;
            }
            try {
                channels.get((int) m[0]).send((String) m[1], (Alert) m[2]);
            } catch (Exception e) {
                notificationFailures++;
                int tries = (int) m[4] + 1;
                long backoff = settings.retryMillis() * (1L << Math.min(6, tries - 1));
                LOG.warn("notification channel {} failed ({}), retry {} in {} ms", m[0], e.toString(), tries, backoff);
                outbox.addLast(new Object[] {m[0], m[1], m[2], now + backoff, tries});
            }
        }
    }
}
