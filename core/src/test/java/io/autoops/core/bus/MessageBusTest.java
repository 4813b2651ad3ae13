package io.autoops.core.bus;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

class MessageBusTest {

    record Ping(int n) {
    }

    @Test
    void subscribersGetTheirTypeOnly_inPublishOrder_includingWhatHandlersPublish() {
        MessageBus bus = MessageBus.synchronous();
        List<String> seen = new ArrayList<>();
        bus.subscribe(Number.class, "numbers", 10, n -> {
            seen.add("number " + n);
            if (n.intValue() == 1) {
                bus.publish("reply to 1");
            }
        });
        bus.subscribe(String.class, "strings", 10, s -> seen.add("string " + s));
        bus.publish(1);
        bus.publish("a");
        bus.publish(2.5);
        assertThat(seen).as("nothing before drain").isEmpty();
        assertThat(bus.drain()).isEqualTo(4);
        assertThat(seen).containsExactly("number 1", "string a", "number 2.5", "string reply to 1");
    }

    @Test
    void aFullQueueDropsItsOldestMessages_andCountsThem() {
        MessageBus bus = MessageBus.synchronous();
        List<Integer> got = new ArrayList<>();
        MessageBus.Subscription<Ping> s = bus.subscribe(Ping.class, "slow", 2, p -> got.add(p.n()));
        for (int i = 1; i <= 5; i++) {
            bus.publish(new Ping(i));
        }
        assertThat(s.queued()).isEqualTo(2);
        bus.drain();
        assertThat(got).containsExactly(4, 5);
        assertThat(bus.stats()).singleElement().isEqualTo(new MessageBus.Stats("slow", "Ping", 2, 3, 0, 0));
    }

    @Test
    void aFailingHandlerIsCounted_andNeitherItNorOthersStop() {
        MessageBus bus = MessageBus.synchronous();
        List<Integer> good = new ArrayList<>();
        bus.subscribe(Ping.class, "fragile", 10, p -> {
            if (p.n() == 1) {
                throw new IllegalStateException("boom");
            }
        });
        bus.subscribe(Ping.class, "steady", 10, p -> good.add(p.n()));
        bus.publish(new Ping(1));
        bus.publish(new Ping(2));
        bus.drain();
        assertThat(good).containsExactly(1, 2);
        assertThat(bus.stats()).extracting(MessageBus.Stats::name, MessageBus.Stats::delivered, MessageBus.Stats::failures)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("fragile", 1L, 1L),
                        org.assertj.core.groups.Tuple.tuple("steady", 2L, 0L));
    }

    @Test
    void concurrentDelivery_happensOnTheSubscribersThread_andAPublisherNeverWaitsForASlowOne() throws Exception {
        try (MessageBus bus = MessageBus.concurrent()) {
            CountDownLatch release = new CountDownLatch(1);
            CountDownLatch fast = new CountDownLatch(100);
            List<String> threads = Collections.synchronizedList(new ArrayList<>());
            bus.subscribe(Ping.class, "slow", 4, p -> {
                try {
                    release.await();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            });
            bus.subscribe(Ping.class, "fast", 1_000, p -> {
                threads.add(Thread.currentThread().getName());
                fast.countDown();
            });
            for (int i = 0; i < 100; i++) {
                bus.publish(new Ping(i)); // would block here if the slow subscriber held the publisher
            }
            assertThat(fast.await(10, TimeUnit.SECONDS)).isTrue();
            assertThat(threads).allMatch(t -> t.equals("bus-fast"));
            release.countDown();
            MessageBus.Stats slow = bus.stats().get(0);
            assertThat(slow.dropped()).as("bounded: most of the 100 were dropped for the stuck subscriber").isGreaterThanOrEqualTo(95);
        }
    }
}
