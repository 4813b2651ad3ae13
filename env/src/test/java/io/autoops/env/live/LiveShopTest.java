package io.autoops.env.live;

import io.autoops.core.ops.Actuator;
import io.autoops.core.ops.Clock;
import io.autoops.core.ops.DryRunActuator;
import io.autoops.core.ops.Reading;
import io.autoops.core.ops.Remediation;
import io.autoops.core.ops.Target;
import io.autoops.env.live.process.ProcessActuator;
import io.autoops.env.live.prometheus.PrometheusMetricSource;
import io.autoops.env.live.shop.Shop;
import io.autoops.env.scenario.ScenarioLoader;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.util.function.Predicate;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The demo shop for real: twelve service processes, a load generator and the Debian package's
 * Prometheus on loopback; the live metric source reads the simulator's schema from it, and the process
 * actuator heals injected faults. Needs /usr/bin/prometheus (./autoops test installs it): fails, never
 * skips, without it.
 */
@Tag("slow")
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class LiveShopTest {

    @TempDir
    static Path dir;

    static Shop shop;
    static PrometheusMetricSource source;

    @BeforeAll
    static void up() {
        shop = new Shop(dir.resolve("shop"));
        shop.up(ScenarioLoader.load("ecommerce"), Shop.Options.defaults(), System.err::println);
        source = shop.metricSource(ScenarioLoader::load, Clock.system());
    }

    @AfterAll
    static void down() {
        if (shop != null) {
            shop.down(System.err::println);
        }
    }

    @Test
    @Order(1)
    void theLiveSourceReadsTheSimulatorsSchemaCompletely() {
        await("a complete reading with traffic", Duration.ofSeconds(30),
                x -> x.complete() && value(x, "gateway.request_rate") >= 10);
        // Every instance scraped (Prometheus picks file-discovered targets up over a few seconds), then one
        // full 5 s rate window more, so no service's rate sums over only some of its instances.
        await("every instance up", Duration.ofSeconds(30), x -> x.complete() && java.util.stream.Stream.of(
                "gateway", "user", "product", "order", "payment", "recommendation")
                .allMatch(s -> value(x, s + ".ready_replicas") == 2));
        sleepMillis(6_000);
        Reading r = await("a complete reading", Duration.ofSeconds(10), Reading::complete);
        assertThat(source.schema().hash()).isEqualTo(io.autoops.env.sim.SimSpaces.schema(ScenarioLoader.load("ecommerce")).hash());
        assertThat(value(r, "gateway.request_rate")).isBetween(10.0, 30.0);
        for (String s : new String[]{"gateway", "user", "product", "order", "payment", "recommendation"}) {
            assertThat(value(r, s + ".ready_replicas")).as(s).isEqualTo(2.0);
            assertThat(value(r, s + ".desired_replicas")).as(s).isEqualTo(2.0);
        }
        assertThat(value(r, "product.request_rate")).as("product gets 1.5 calls per gateway request")
                .isGreaterThan(value(r, "gateway.request_rate"));
    }

    @Test
    @Order(2)
    void aCrashIsSeenAndARestartHealsIt() {
        shop.fault("payment", 0, "crash");
        long t0 = System.nanoTime();
        await("payment down to 1 ready instance", Duration.ofSeconds(10), x -> value(x, "payment.ready_replicas") == 1);
        System.err.printf("crash visible after %.1f s%n", (System.nanoTime() - t0) / 1e9);

        Actuator.Actuation a = new ProcessActuator(shop).execute(
                new Remediation.Restart(Target.service("payment"), Duration.ZERO, 1));
        assertThat(a.outcome()).as(a.message()).isEqualTo(Actuator.Actuation.Outcome.DONE);
        Reading healed = await("payment back to 2 ready instances", Duration.ofSeconds(15),
                x -> value(x, "payment.ready_replicas") == 2 && value(x, "payment.restarts_recent") >= 1);
        assertThat(healed.problems()).isEmpty();
    }

    @Test
    @Order(3)
    void aServiceWithEveryInstanceDownStillGivesACompleteReading() {
        shop.fault("recommendation", 0, "crash");
        shop.fault("recommendation", 1, "crash");
        Reading down = await("recommendation read as down", Duration.ofSeconds(10),
                x -> value(x, "recommendation.ready_replicas") == 0);
        assertThat(down.problems()).as("nothing missing: the service is known to be down").isEmpty();
        assertThat(value(down, "recommendation.error_rate")).isEqualTo(1.0);
        assertThat(value(down, "recommendation.desired_replicas")).isEqualTo(2.0);
        assertThat(new ProcessActuator(shop).execute(
                new Remediation.Restart(Target.service("recommendation"), Duration.ZERO, 1)).outcome())
                .isEqualTo(Actuator.Actuation.Outcome.DONE);
        await("recommendation back", Duration.ofSeconds(15), x -> value(x, "recommendation.ready_replicas") == 2);
    }

    @Test
    @Order(4)
    void aBadDeploymentRaisesErrorsUntilRolledBack() {
        shop.fault("order", 0, "errors");
        await("order failing", Duration.ofSeconds(15), x -> value(x, "order.error_rate") > 0.2);
        Actuator.Actuation a = new ProcessActuator(shop).execute(
                new Remediation.Rollback(Target.service("order"), Duration.ZERO, 1));
        assertThat(a.outcome()).as(a.message()).isEqualTo(Actuator.Actuation.Outcome.DONE);
        await("order healthy after the rollback", Duration.ofSeconds(20),
                x -> value(x, "order.error_rate") < 0.02 && value(x, "order.ready_replicas") == 2);
        assertThat(shop.state().service("order").bad()).isFalse();
        Actuator.Actuation again = new ProcessActuator(shop).execute(
                new Remediation.Rollback(Target.service("order"), Duration.ZERO, 1));
        assertThat(again.outcome()).as("nothing left to roll back to").isEqualTo(Actuator.Actuation.Outcome.REFUSED);
    }

    @Test
    @Order(5)
    void scalingAndDrainingMoveProcessesAndDryRunChangesNothing() {
        ProcessActuator act = new ProcessActuator(shop);
        assertThat(act.execute(new Remediation.ScaleOut(Target.service("user"), 1, Duration.ZERO, 1)).outcome())
                .isEqualTo(Actuator.Actuation.Outcome.DONE);
        await("3 user instances", Duration.ofSeconds(15), x -> value(x, "user.ready_replicas") == 3);
        assertThat(act.execute(new Remediation.ScaleIn(Target.service("user"), 1, Duration.ZERO, 1)).outcome())
                .isEqualTo(Actuator.Actuation.Outcome.DONE);
        await("2 user instances", Duration.ofSeconds(15), x -> value(x, "user.desired_replicas") == 2);
        assertThat(act.execute(new Remediation.ShedLoad(Target.service("gateway"), 0.5, Duration.ZERO, 1)).outcome())
                .isEqualTo(Actuator.Actuation.Outcome.REFUSED);

        assertThat(act.execute(new Remediation.DrainNode(Target.node("node-3"), Duration.ZERO, 1)).outcome())
                .isEqualTo(Actuator.Actuation.Outcome.DONE);
        assertThat(shop.state().instances()).noneMatch(i -> i.node().equals("node-3"));
        await("every instance back after the drain", Duration.ofSeconds(15),
                x -> x.complete() && value(x, "payment.ready_replicas") == 2 && value(x, "node.node-3.ready") == 0);
        assertThat(act.execute(new Remediation.DrainNode(Target.node("node-3"), Duration.ZERO, 1)).outcome())
                .as("already drained").isEqualTo(Actuator.Actuation.Outcome.REFUSED);
        assertThat(act.execute(new Remediation.ScaleOut(Target.service("user"), 1, Duration.ZERO, 1)).outcome())
                .isEqualTo(Actuator.Actuation.Outcome.DONE);
        assertThat(shop.state().instances()).as("nothing placed on a drained node").noneMatch(i -> i.node().equals("node-3"));

        var before = shop.state();
        Actuator.Actuation dry = new DryRunActuator("the demo shop").execute(
                new Remediation.Restart(Target.service("gateway"), Duration.ZERO, 1));
        assertThat(dry.outcome()).isEqualTo(Actuator.Actuation.Outcome.DRY_RUN);
        assertThat(dry.message()).contains("restart:gateway");
        assertThat(shop.state()).isEqualTo(before);
    }

    @Test
    @Order(6)
    void withPrometheusGoneTheReadingIsIncompleteAndSaysWhy() {
        shop.down(System.err::println);
        Reading r = source.read();
        assertThat(r.complete()).isFalse();
        assertThat(r.problems()).anyMatch(p -> p.startsWith("stale"));
        assertThat(r.values()[0]).isNaN();
    }

    @Test
    @Order(7)
    void aShopUpAgainInTheSameDirectoryCountsOnlyItsOwnInstances() {
        // The first shop's processes were killed minutes ago at most: their series must not count.
        shop.up(ScenarioLoader.load("ecommerce"), Shop.Options.defaults(), System.err::println);
        source = shop.metricSource(ScenarioLoader::load, Clock.system());
        Reading r = await("every instance up", Duration.ofSeconds(40), x -> x.complete() && java.util.stream.Stream.of(
                "gateway", "user", "product", "order", "payment", "recommendation")
                .allMatch(s -> value(x, s + ".ready_replicas") == 2));
        for (String s : new String[]{"gateway", "user", "product", "order", "payment", "recommendation"}) {
            assertThat(value(r, s + ".desired_replicas")).as(s).isEqualTo(2.0);
        }
    }

    private static Reading await(String what, Duration within, Predicate<Reading> ok) {
        long end = System.nanoTime() + within.toNanos();
        Reading last = null;
        while (System.nanoTime() < end) {
            last = source.read();
            if (ok.test(last)) {
                return last;
            }
            try {
                Thread.sleep(250);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError(e);
            }
        }
        throw new AssertionError("not within " + within.toSeconds() + " s: " + what + "; last problems "
                + (last == null ? "-" : last.problems()));
    }

    private static void sleepMillis(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    private static double value(Reading r, String feature) {
        return r.values()[source.schema().indexOf(feature)];
    }
}
