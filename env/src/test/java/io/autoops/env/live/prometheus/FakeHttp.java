package io.autoops.env.live.prometheus;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.Executors;
import java.util.function.Function;

/** A scripted HTTP server on a free loopback port, standing in for Prometheus in fast tests. */
final class FakeHttp {

    /** What to answer, after {@code delayMillis}. */
    record Reply(int status, String body, int delayMillis) {
    }

    private FakeHttp() {
    }

    static HttpServer start(Function<HttpExchange, Reply> answer) {
        try {
            HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
            server.createContext("/", ex -> {
                Reply r = answer.apply(ex);
                try {
                    Thread.sleep(r.delayMillis());
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                byte[] body = r.body().getBytes(StandardCharsets.UTF_8);
                ex.sendResponseHeaders(r.status(), body.length);
                ex.getResponseBody().write(body);
                ex.close();
            });
            server.setExecutor(Executors.newFixedThreadPool(4));
            server.start();
            return server;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static URI uri(HttpServer server) {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
    }
}
