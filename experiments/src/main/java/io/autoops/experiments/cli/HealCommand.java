package io.autoops.experiments.cli;

import io.autoops.core.mdp.Policy;
import io.autoops.core.ops.Clock;
import io.autoops.env.live.heal.HealConfig;
import io.autoops.env.live.heal.HealingDaemon;
import io.autoops.env.live.heal.LiveSystem;
import io.autoops.experiments.live.LivePolicies;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/** The healing daemon on a live system. */
@Command(name = "heal", mixinStandardHelpOptions = true,
        description = {"Heal a live system: read Prometheus, decide with a policy, act on processes or Kubernetes "
                + "behind safety guards, write an audit log, serve a control API on 127.0.0.1.",
                "Without --config it heals the demo shop in .autoops/shop (start it with: ./autoops shop up).",
                "Control API (Authorization: Bearer <token file content>): GET /status /alerts /approvals, "
                        + "POST /approvals/{id}/approve|deny /pause /resume /alertmanager, GET /metrics."})
final class HealCommand implements Callable<Integer> {

    @Option(names = "--config", description = "The daemon's configuration (see --example).")
    Path config;

    @Option(names = "--policy", defaultValue = LivePolicies.DEFAULT,
            description = "rules.live, rules.threshold, rules:FILE, a shipped bundle (dqn.standard) or bundle:FILE "
                    + "(default: ${DEFAULT-VALUE}).")
    String policy;

    @Option(names = "--dry-run", description = "Decide and log what would be done; change nothing.")
    boolean dryRun;

    @Option(names = "--for", description = "Stop after this long (e.g. 10m); default: until interrupted.")
    String runFor;

    @Option(names = "--example", description = "Print a documented example configuration and exit.")
    boolean example;

    @Override
    public Integer call() throws Exception {
        if (example) {
            System.out.print(HealConfig.example());
            return 0;
        }
        HealConfig c = config != null ? HealConfig.load(config)
                : HealConfig.forShop(Path.of(".autoops/shop"), Path.of(".autoops/heal"));
        Duration limit = runFor == null ? null : HealConfig.duration("--for", runFor, null);
        LiveSystem system = LiveSystem.open(c, dryRun, Clock.system());
        Policy p = LivePolicies.resolve(policy, system.source().schema(), system.actionSpace());
        try (HealingDaemon daemon = new HealingDaemon(c, system, p, policy, Clock.system())) {
            CountDownLatch stop = new CountDownLatch(1);
            Runtime.getRuntime().addShutdownHook(new Thread(stop::countDown));
            daemon.start();
            System.out.printf("healing %s with %s%s%n  control API http://127.0.0.1:%d (token in %s)%n  audit log %s%n",
                    system.description(), policy, dryRun ? " (dry run)" : "", daemon.controlPort(),
                    c.control().tokenFile(), c.audit());
            if (limit == null) {
                stop.await();
            } else {
                stop.await(limit.toMillis(), TimeUnit.MILLISECONDS);
            }
            var s = daemon.healer().status();
            System.out.printf("stopped: %d decisions, %d actions %s%n", s.decisions(), s.actions(), s.outcomesByKind());
        }
        return 0;
    }
}
