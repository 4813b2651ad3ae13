package io.autoops.core.bus;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

/**
 * The typed in-process message bus the agents talk over. A subscriber names the type it wants (every
 * message of that type or a subtype reaches it) and gets a bounded queue of its own: when a slow
 * subscriber's queue is full the oldest message is dropped and counted, so a publisher never blocks
 * and never runs out of memory. A handler that throws is counted and logged, and its subscription
 * goes on.
 *
 * <p>Two ways to deliver, same agents: {@link #synchronous()} delivers on the thread that calls
 * {@link #drain()} in publish order (messages published by handlers included), which makes a
 * simulation deterministic; {@link #concurrent()} gives each subscription a daemon thread, for live
 * use. Thread-safe.
 */
public final class MessageBus implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(MessageBus.class);

    /** One subscription's counters. */
    public record Stats(String name, String type, long delivered, long dropped, long failures, int queued) {
    }

    private final boolean concurrent;
    private final List<Subscription<?>> subscriptions = new CopyOnWriteArrayList<>();
    private final ArrayDeque<Subscription<?>> ready = new ArrayDeque<>(); // synchronous: who has mail, in order
    private volatile boolean closed;

    private MessageBus(boolean concurrent) {
        this.concurrent = concurrent;
    }

    /** Delivery on the thread that calls {@link #drain()}: deterministic, for simulation and tests. */
    public static MessageBus synchronous() {
        return new MessageBus(false);
    }

    /** Delivery on one daemon thread per subscription: for live agents. */
    public static MessageBus concurrent() {
        return new MessageBus(true);
    }

    /**
     * Subscribes {@code handler} to messages of {@code type} with a queue of {@code capacity}.
     *
     * @param name what the subscriber is, for its statistics and logs (e.g. {@code alerting})
     */
    public <T> Subscription<T> subscribe(Class<T> type, String name, int capacity, Consumer<? super T> handler) {
        if (capacity < 1) {
            throw new IllegalArgumentException("subscription " + name + ": capacity must be at least 1, got " + capacity);
        }
        Subscription<T> s = new Subscription<>(this, type, name, capacity, handler);
        subscriptions.add(s);
        if (concurrent) {
            Thread t = new Thread(s::run, "bus-" + name);
            t.setDaemon(true);
            t.start();
        }
        return s;
    }

    /** Hands {@code message} to every subscription of its type; never blocks. */
    public void publish(Object message) {
        Objects.requireNonNull(message, "message");
        if (closed) {
            throw new IllegalStateException("the bus is closed");
        }
        for (Subscription<?> s : subscriptions) {
            if (s.type.isInstance(message)) {
                s.offer(message);
            }
        }
    }

    /**
     * Synchronous bus: delivers every queued message, including those the handlers publish meanwhile,
     * and returns how many. (A concurrent bus delivers by itself; this returns 0 there.)
     */
    public int drain() {
        if (concurrent) {
            return 0;
        }
        int n = 0;
        while (true) {
            Subscription<?> s;
            synchronized (ready) {
                s = ready.poll();
            }
            if (s == null) {
                return n;
            }
            n += s.deliverOne() ? 1 : 0;
        }
    }

    public List<Stats> stats() {
        List<Stats> out = new ArrayList<>();
        for (Subscription<?> s : subscriptions) {
            out.add(s.stats());
        }
        return out;
    }

    @Override
    public void close() {
        closed = true;
        for (Subscription<?> s : subscriptions) {
            s.shutdown(); // kept in the list: their statistics stay readable
        }
    }

    /** A subscriber's queue and counters; {@link #close()} ends it. */
    public static final class Subscription<T> implements AutoCloseable {
        private final MessageBus bus;
        private final Class<T> type;
        private final String name;
        private final int capacity;
        private final Consumer<? super T> handler;
        private final ArrayDeque<Object> queue = new ArrayDeque<>();
        private long delivered;
        private long dropped;
        private long failures;
        private boolean open = true;

        private Subscription(MessageBus bus, Class<T> type, String name, int capacity, Consumer<? super T> handler) {
            this.bus = bus;
            this.type = type;
            this.name = name;
            this.capacity = capacity;
            this.handler = handler;
        }

        private synchronized void offer(Object m) {
            if (!open) {
                return;
            }
            if (queue.size() == capacity) {
                queue.removeFirst();
                dropped++;
                if (!bus.concurrent) {
                    synchronized (bus.ready) {
                        bus.ready.remove(this); // its dropped message's turn
                    }
                }
            }
            queue.addLast(m);
            if (bus.concurrent) {
                notifyAll();
            } else {
                synchronized (bus.ready) {
                    bus.ready.addLast(this);
                }
            }
        }

        /** Delivers the oldest queued message; false if there was none. */
        private boolean deliverOne() {
            Object m;
            synchronized (this) {
                m = queue.pollFirst();
                if (m == null) {
                    return false;
                }
            }
            try {
                handler.accept(type.cast(m));
                synchronized (this) {
                    delivered++;
                }
            } catch (RuntimeException e) {
                synchronized (this) {
                    failures++;
                }
                LOG.warn("bus subscriber {} failed on a {}: {}", name, m.getClass().getSimpleName(), e.toString());
            }
            return true;
        }

        private void run() {
            while (true) {
                synchronized (this) {
                    while (open && queue.isEmpty()) {
                        try {
                            wait();
                        } catch (InterruptedException e) {
                            return;
                        }
                    }
                    if (!open && queue.isEmpty()) {
                        return;
                    }
                }
                deliverOne();
            }
        }

        /** Messages of this subscription not yet delivered. */
        public synchronized int queued() {
            return queue.size();
        }

        public synchronized Stats stats() {
            return new Stats(name, type.getSimpleName(), delivered, dropped, failures, queue.size());
        }

        /** Unsubscribes: stops delivery (a concurrent subscription finishes what is queued first). */
        @Override
        public void close() {
            shutdown();
            bus.subscriptions.remove(this);
        }

        private synchronized void shutdown() {
            open = false;
            notifyAll();
        }
    }
}
