package io.autoops.core.monitoring;

import io.autoops.core.mdp.ObservationSchema;
import io.autoops.core.ops.Clock;
import io.autoops.core.ops.MetricSource;
import io.autoops.core.ops.Reading;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

/**
 * The monitoring agent: collects metrics, each at its own interval (adaptive when a threshold is
 * given), keeps a bounded history per series, notifies subscribers of every sample, and answers
 * queries from the other agents (last N points, a time range, series by labels).
 *
 * <p>Time comes from the injected {@link Clock}: {@link #collectDue()} collects what is due now, so
 * the same agent runs synchronously on the simulator's clock and on wall time live. A subscriber that
 * throws is isolated: the failure is counted and logged, collection and the other subscribers go on.
 * Methods are synchronized; subscribers run on the collecting thread.
 */
public final class MonitoringAgent {

    private static final Logger LOG = LoggerFactory.getLogger(MonitoringAgent.class);
    public static final int DEFAULT_HISTORY = 1_000;

    private final Clock clock;
    private final int history;
    private final Map<SeriesKey, Entry> series = new LinkedHashMap<>();
    private final List<Consumer<Sample>> subscribers = new CopyOnWriteArrayList<>();
    private final List<SourceEntry> sources = new ArrayList<>();
    private long subscriberFailures;
    private long samples;

    private static final class Entry {
        final MetricSpec spec;
        final SeriesBuffer buffer;
        long interval;
        long nextDue;

        Entry(MetricSpec spec, SeriesBuffer buffer, long now) {
            this.spec = spec;
            this.buffer = buffer;
            this.interval = spec.intervalMillis();
            this.nextDue = now;
        }
    }

    private record SourceEntry(MetricSource source, long intervalMillis, long[] nextDue) {
    }

    public MonitoringAgent(Clock clock, int history) {
        if (history < 2) {
            throw new IllegalArgumentException("history must hold at least 2 points, got " + history);
        }
        this.clock = clock;
        this.history = history;
    }

    public MonitoringAgent(Clock clock) {
        this(clock, DEFAULT_HISTORY);
    }

    public synchronized void register(MetricSpec spec) {
        SeriesKey key = new SeriesKey(spec.name(), spec.labels());
        if (series.containsKey(key)) {
            throw new IllegalArgumentException("series " + key + " is registered already");
        }
        series.put(key, new Entry(spec, new SeriesBuffer(history), clock.millis()));
    }

    /**
     * Collects every feature of a {@link MetricSource} (the simulator, Prometheus) each
     * {@code intervalMillis}: feature {@code payment.cpu} becomes metric {@code cpu} with label
     * {@code service=payment}; {@code node.n1.cpu} metric {@code node_cpu} with {@code node=n1}.
     */
    public synchronized void register(MetricSource source, long intervalMillis) {
        sources.add(new SourceEntry(source, intervalMillis, new long[] {clock.millis()}));
        for (String f : source.schema().names()) {
            SeriesKey key = keyOf(f);
            series.putIfAbsent(key, new Entry(MetricSpec.fixed(key.metric(), key.labels(), () -> Double.NaN,
                    intervalMillis), new SeriesBuffer(history), Long.MAX_VALUE));
        }
    }

    static SeriesKey keyOf(String feature) {
        if (feature.startsWith("node.")) {
            String rest = feature.substring("node.".length());
            int dot = rest.lastIndexOf('.');
            return new SeriesKey("node_" + rest.substring(dot + 1), Map.of("node", rest.substring(0, dot)));
        }
        int dot = feature.indexOf('.');
        return dot < 0 ? new SeriesKey(feature, Map.of())
                : new SeriesKey(feature.substring(dot + 1), Map.of("service", feature.substring(0, dot)));
    }

    public void subscribe(Consumer<Sample> subscriber) {
        subscribers.add(subscriber);
    }

    /** Collects every metric and source that is due now; returns how many samples were taken. */
    public synchronized int collectDue() {
        long now = clock.millis();
        int taken = 0;
        for (SourceEntry src : sources) {
            if (now >= src.nextDue()[0]) {
                src.nextDue()[0] = now + src.intervalMillis();
                taken += ingest(src.source().schema(), src.source().read());
            }
        }
        for (Map.Entry<SeriesKey, Entry> e : series.entrySet()) {
            Entry entry = e.getValue();
            if (now < entry.nextDue) {
                continue;
            }
            double v = entry.spec.collect().getAsDouble();
            record(entry, e.getKey(), now, v);
            taken++;
            adapt(entry);
            entry.nextDue = now + entry.interval;
        }
        return taken;
    }

    /**
     * Records a reading some other agent made (the healer reads once per decision and shares it), as
     * {@link #register(MetricSource, long)} would; series are created on first sight. Returns the samples taken.
     */
    public synchronized int ingest(ObservationSchema schema, Reading r) {
        for (int i = 0; i < schema.size(); i++) {
            SeriesKey key = keyOf(schema.feature(i).name());
            Entry e = series.computeIfAbsent(key, k -> new Entry(MetricSpec.fixed(k.metric(), k.labels(), () -> Double.NaN,
                    Long.MAX_VALUE / 4), new SeriesBuffer(history), Long.MAX_VALUE));
            record(e, key, r.atMillis(), r.values()[i]);
        }
        return schema.size();
    }

    private void record(Entry entry, SeriesKey key, long at, double v) {
        entry.buffer.add(at, v);
        samples++;
        if (subscribers.isEmpty()) {
            return;
        }
        Sample s = new Sample(key.metric(), key.labels(), at, v);
        for (Consumer<Sample> sub : subscribers) {
            try {
                sub.accept(s);
            } catch (RuntimeException ex) {
                subscriberFailures++;
                LOG.warn("subscriber failed on {}: {}", key, ex.toString());
            }
        }
    }

    /** Tighten the interval when the series trends towards its threshold, relax it when calm. */
    private static void adapt(Entry e) {
        double th = e.spec.threshold();
        if (Double.isNaN(th) || e.buffer.size() < 3) {
            return;
        }
        double last = e.buffer.value(0);
        double slope = (last - e.buffer.value(2)) / 2;
        double distance = Math.abs(th - last) / Math.max(1e-9, Math.abs(th));
        boolean towards = (th > last && slope > 0) || (th < last && slope < 0);
        long base = e.spec.intervalMillis();
        if ((towards && distance < 0.25) || distance < 0.05) {
            e.interval = Math.max(1, base / 4);
        } else if (distance > 0.5 && Math.abs(slope) < 0.01 * Math.abs(th)) {
            e.interval = Math.min(base * 4, e.interval * 2);
        } else {
            e.interval = base;
        }
    }

    /** The current collection interval of a series (adaptive sampling changes it). */
    public synchronized long interval(SeriesKey key) {
        return require(key).interval;
    }

    /** The last {@code n} values, oldest first. */
    public synchronized double[] last(SeriesKey key, int n) {
        SeriesBuffer b = require(key).buffer;
        int k = Math.min(n, b.size());
        double[] out = new double[k];
        for (int i = 0; i < k; i++) {
            out[k - 1 - i] = b.value(i);
        }
        return out;
    }

    /** Samples with {@code from <= at <= to}, oldest first. */
    public synchronized List<Sample> range(SeriesKey key, long from, long to) {
        SeriesBuffer b = require(key).buffer;
        List<Sample> out = new ArrayList<>();
        for (int i = b.size() - 1; i >= 0; i--) {
            long t = b.time(i);
            if (t >= from && t <= to) {
                out.add(new Sample(key.metric(), key.labels(), t, b.value(i)));
            }
        }
        return out;
    }

    /** Series of {@code metric} whose labels include {@code match}. */
    public synchronized List<SeriesKey> find(String metric, Map<String, String> match) {
        return series.keySet().stream().filter(k -> k.matches(metric, match)).toList();
    }

    public synchronized long samples() {
        return samples;
    }

    public synchronized long subscriberFailures() {
        return subscriberFailures;
    }

    private Entry require(SeriesKey key) {
        Entry e = series.get(key);
        if (e == null) {
            throw new IllegalArgumentException("no series " + key);
        }
        return e;
    }
}
