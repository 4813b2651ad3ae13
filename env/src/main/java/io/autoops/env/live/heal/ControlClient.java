package io.autoops.env.live.heal;

import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;

/**
 * Talks to a running daemon's control API, found through its state directory (the daemon writes
 * {@code control.url} next to its audit log, and reads its token from {@code token} there by default).
 */
public final class ControlClient {

    /** What the API answered. */
    public record Answer(int status, String body) {
        public boolean ok() {
            return status / 100 == 2;
        }
    }

    private final URI base;
    private final String token;
    private final String operator;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    public ControlClient(URI base, String token, String operator) {
        this.base = base;
        this.token = token;
        this.operator = operator;
    }

    /** A client for the daemon whose state (control.url, token) is in {@code stateDir}. */
    public static ControlClient of(Path stateDir, Path tokenFile, String operator) {
        try {
            URI url = URI.create(Files.readString(stateDir.resolve(HealingDaemon.CONTROL_URL)).strip());
            String token = Files.readString(tokenFile).strip();
            return new ControlClient(url, token, operator);
        } catch (NoSuchFileException e) {
            throw new IllegalArgumentException("no " + e.getFile() + ": is a daemon running with its state in " + stateDir
                    + "? (start one with ./autoops heal)", e);
        } catch (IOException e) {
            throw new IllegalArgumentException("cannot read the daemon's state in " + stateDir + ": " + e.getMessage(), e);
        }
    }

    public Answer get(String path) {
        return send(HttpRequest.newBuilder(base.resolve(path)).GET());
    }

    public Answer post(String path) {
        return send(HttpRequest.newBuilder(base.resolve(path)).POST(HttpRequest.BodyPublishers.noBody()));
    }

    private Answer send(HttpRequest.Builder b) {
        HttpRequest req = b.timeout(Duration.ofSeconds(10)).header("Authorization", "Bearer " + token)
                .header("X-AutoOps-Operator", operator).build();
        try {
            HttpResponse<String> r = http.send(req, HttpResponse.BodyHandlers.ofString());
            if (r.statusCode() == 401) {
                throw new IllegalArgumentException("the daemon at " + base + " refused the token");
            }
            return new Answer(r.statusCode(), r.body());
        } catch (ConnectException e) {
            throw new IllegalStateException("no daemon answers at " + base + " (is ./autoops heal still running?)", e);
        } catch (IOException e) {
            throw new IllegalStateException("control API " + base + ": " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }
}
