package io.autoops.core.alerting;

/** Where alert notifications go (a log, a webhook, Alertmanager). May throw: the agent retries. */
@FunctionalInterface
public interface NotificationChannel {
    void send(String event, Alert alert) throws Exception;
}
