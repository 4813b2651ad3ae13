package io.autoops.experiments.cli;

import io.autoops.core.mdp.Feature;
import io.autoops.core.ops.Clock;
import io.autoops.core.ops.Reading;
import io.autoops.env.live.prometheus.PrometheusMetricSource;
import io.autoops.env.live.shop.Shop;
import io.autoops.env.scenario.ScenarioLoader;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.ScopeType;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;

/** The demo shop: a real system to heal on one machine. */
@Command(name = "shop", mixinStandardHelpOptions = true,
        description = "The demo shop: the e-commerce services as local processes with Prometheus metrics, "
                + "a load generator and a Prometheus scraping them every second, all on 127.0.0.1.",
        subcommands = {ShopCommand.Up.class, ShopCommand.Down.class, ShopCommand.Status.class,
                ShopCommand.Fault.class, ShopCommand.Observe.class})
final class ShopCommand implements Runnable {

    @Option(names = "--dir", scope = ScopeType.INHERIT,
            description = "Directory of the shop's state, logs and Prometheus data (default: ${DEFAULT-VALUE}).",
            defaultValue = ".autoops/shop")
    Path dir;

    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        throw new ParameterException(spec.commandLine(), "Missing subcommand: up, down, status, fault or observe");
    }

    Shop shop() {
        return new Shop(dir);
    }

    @Command(name = "up", mixinStandardHelpOptions = true, description = "Start the shop, its users and Prometheus.")
    static final class Up implements Callable<Integer> {
        @ParentCommand
        ShopCommand parent;

        @Option(names = "--scenario", description = "Scenario whose topology to run (default: ${DEFAULT-VALUE}).",
                defaultValue = "ecommerce")
        String scenario;

        @Option(names = "--rps", description = "Users' requests per second (default: ${DEFAULT-VALUE}).", defaultValue = "20")
        double rps;

        @Option(names = "--replicas", description = "Instances per service (default: ${DEFAULT-VALUE}).", defaultValue = "2")
        int replicas;

        @Option(names = "--prometheus", description = "Prometheus binary (default: ${DEFAULT-VALUE}).",
                defaultValue = "/usr/bin/prometheus")
        Path prometheus;

        @Option(names = "--alertmanager", description = "Alertmanager's URL: Prometheus then evaluates the shop's "
                + "alert rules (instance down, error rate) every second and sends what fires there.")
        String alertmanager;

        @Override
        public Integer call() {
            Shop shop = parent.shop();
            long t0 = System.nanoTime();
            shop.up(ScenarioLoader.load(scenario), new Shop.Options(rps, replicas, 16, prometheus, alertmanager),
                    System.err::println);
            System.out.printf(Locale.ROOT, "shop up in %.1f s; Prometheus at %s; state in %s%n",
                    (System.nanoTime() - t0) / 1e9, shop.prometheusUrl(), shop.dir());
            return 0;
        }
    }

    @Command(name = "down", mixinStandardHelpOptions = true, description = "Stop every process of the shop.")
    static final class Down implements Callable<Integer> {
        @ParentCommand
        ShopCommand parent;

        @Override
        public Integer call() {
            parent.shop().down(System.err::println);
            System.out.println("shop down");
            return 0;
        }
    }

    @Command(name = "status", mixinStandardHelpOptions = true, description = "List the shop's processes; exit 1 if any is down.")
    static final class Status implements Callable<Integer> {
        @ParentCommand
        ShopCommand parent;

        @Override
        public Integer call() {
            Shop shop = parent.shop();
            if (!shop.exists()) {
                System.out.println("no demo shop in " + shop.dir());
                return 1;
            }
            int down = 0;
            System.out.printf(Locale.ROOT, "%-18s %8s %6s %-7s %s%n", "process", "pid", "port", "node", "state");
            for (Shop.ProcessStatus p : shop.status()) {
                System.out.printf(Locale.ROOT, "%-18s %8d %6s %-7s %s%n", p.name(), p.pid(),
                        p.port() == 0 ? "-" : Integer.toString(p.port()), p.node().isEmpty() ? "-" : p.node(),
                        p.alive() ? "running" : "DOWN");
                down += p.alive() ? 0 : 1;
            }
            return down == 0 ? 0 : 1;
        }
    }

    @Command(name = "fault", mixinStandardHelpOptions = true,
            description = "Inject a fault: crash, leak, latency or cpu into one instance; errors deploys a broken version.")
    static final class Fault implements Callable<Integer> {
        @ParentCommand
        ShopCommand parent;

        @Parameters(index = "0", description = "Service, e.g. payment.")
        String service;

        @Parameters(index = "1", description = "crash | leak | latency | errors | cpu")
        String kind;

        @Option(names = "--replica", description = "Instance of the service (default: ${DEFAULT-VALUE}).", defaultValue = "0")
        int replica;

        @Override
        public Integer call() {
            if (!List.of("crash", "leak", "latency", "errors", "cpu").contains(kind)) {
                throw new IllegalArgumentException("unknown fault '" + kind + "': crash, leak, latency, errors or cpu");
            }
            parent.shop().fault(service, replica, kind);
            System.out.println("injected " + kind + " into " + service + (kind.equals("errors") ? "" : "/" + replica));
            return 0;
        }
    }

    @Command(name = "observe", mixinStandardHelpOptions = true,
            description = "Read the observation schema from the shop's Prometheus and print it, as a policy would see it.")
    static final class Observe implements Callable<Integer> {
        @ParentCommand
        ShopCommand parent;

        @Override
        public Integer call() {
            PrometheusMetricSource source = parent.shop().metricSource(ScenarioLoader::load, Clock.system());
            Reading r = source.read();
            List<Feature> features = source.schema().features();
            for (int k = 0; k < features.size(); k++) {
                System.out.printf(Locale.ROOT, "%-36s %12.4f %s%n", features.get(k).name(), r.values()[k], features.get(k).unit());
            }
            r.problems().forEach(p -> System.out.println("problem: " + p));
            return r.complete() ? 0 : 1;
        }
    }
}
