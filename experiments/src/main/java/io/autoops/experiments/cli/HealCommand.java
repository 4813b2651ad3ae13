package io.autoops.experiments.cli;

import io.autoops.core.mdp.Policy;
import io.autoops.env.scenario.Scenario;
import io.autoops.env.scenario.ScenarioLoader;
import io.autoops.env.sim.Simulator;
import io.autoops.core.ops.Clock;
import io.autoops.env.live.heal.ControlClient;
import io.autoops.env.live.heal.HealConfig;
import io.autoops.env.live.heal.HealingDaemon;
import io.autoops.env.live.heal.LiveSystem;
import io.autoops.experiments.live.AuditReplay;
import io.autoops.experiments.live.LivePolicies;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.io.PrintWriter;
import java.nio.file.Files;
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
                        + "POST /approvals/{id}/approve|deny /pause /resume /alertmanager, GET /metrics; "
                        + "or the subcommands below, run beside a daemon."})
final class HealCommand implements Callable<Integer> {

    @Option(names = "--config", description = "The daemon's configuration (see --example).")
    Path config;

    @Option(names = "--policy", defaultValue = LivePolicies.DEFAULT,
            description = "rules.live, rules.threshold, rules:FILE, a shipped bundle (dqn.shop is trained for the demo shop) or bundle:FILE "
                    + "(default: ${DEFAULT-VALUE}).")
    String policy;

    @Option(names = "--backstop", description = "A policy behind --policy for its blind spots (e.g. rules.live behind a "
            + "learned bundle): when it asks for an action, --policy gets --backstop-after to act; if it does not, "
            + "the backstop's action is taken.")
    String backstop;

    @Option(names = "--backstop-after", defaultValue = "10s",
            description = "How long --policy gets to act after the backstop asked (default: ${DEFAULT-VALUE}).")
    String backstopAfter;

    @Option(names = "--dry-run", description = "Decide and log what would be done; change nothing.")
    boolean dryRun;

    @Option(names = "--for", description = "Stop after this long (e.g. 10m); default: until interrupted.")
    String runFor;

    @Option(names = "--example", description = "Print a documented example configuration and exit.")
    boolean example;

    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

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
        Policy p;
        String name;
        if (backstop == null) {
            p = LivePolicies.resolve(policy, system.source().schema(), system.actionSpace(), system.scenario().baselineReplicas());
            name = policy;
        } else {
            var pair = LivePolicies.withBackstop(policy, backstop, HealConfig.duration("--backstop-after", backstopAfter, null),
                    c.interval(), system.source().schema(), system.actionSpace(), system.scenario().baselineReplicas());
            p = pair;
            name = pair.describe();
        }
        try (HealingDaemon daemon = new HealingDaemon(c, system, p, name, Clock.system())) {
            CountDownLatch stop = new CountDownLatch(1);
            Runtime.getRuntime().addShutdownHook(new Thread(stop::countDown));
            daemon.start();
            System.out.printf("healing %s with %s%s%n  control API http://127.0.0.1:%d (token in %s)%n  audit log %s%n",
                    system.description(), name, dryRun ? " (dry run)" : "", daemon.controlPort(),
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

    /** Where a running daemon is: its state directory, token, and who is asking. */
    static final class Target {
        @Option(names = "--state", defaultValue = ".autoops/heal",
                description = "The daemon's state directory: control.url and the token (default: ${DEFAULT-VALUE}).")
        Path state;

        @Option(names = "--token-file", description = "Bearer token file (default: STATE/token).")
        Path tokenFile;

        @Option(names = "--as", defaultValue = "${env:USER:-operator}",
                description = "Operator name recorded in the audit log (default: ${DEFAULT-VALUE}).")
        String operator;

        @picocli.CommandLine.Spec(picocli.CommandLine.Spec.Target.MIXEE)
        picocli.CommandLine.Model.CommandSpec spec;

        int call(java.util.function.Function<ControlClient, ControlClient.Answer> request) {
            ControlClient c = ControlClient.of(state, tokenFile != null ? tokenFile : state.resolve("token"), operator);
            ControlClient.Answer a = request.apply(c);
            java.io.PrintWriter w = a.ok() ? spec.commandLine().getOut() : spec.commandLine().getErr();
            w.println(a.body());
            w.flush();
            return a.ok() ? 0 : 1;
        }
    }

    @Command(name = "status", mixinStandardHelpOptions = true, description = "Policy, pause, breaker, counts, escalations.")
    int status(@picocli.CommandLine.Mixin Target target) {
        return target.call(c -> c.get("status"));
    }

    @Command(name = "approvals", mixinStandardHelpOptions = true, description = "Actions waiting for an operator.")
    int approvals(@picocli.CommandLine.Mixin Target target) {
        return target.call(c -> c.get("approvals"));
    }

    @Command(name = "approve", mixinStandardHelpOptions = true, description = "Approve a waiting action (guards are asked again).")
    int approve(@picocli.CommandLine.Mixin Target target, @picocli.CommandLine.Parameters(paramLabel = "DECISION",
            description = "The decision id, as `heal approvals` lists it.") String decision) {
        return target.call(c -> c.post("approvals/" + decision + "/approve"));
    }

    @Command(name = "deny", mixinStandardHelpOptions = true, description = "Deny a waiting action.")
    int deny(@picocli.CommandLine.Mixin Target target, @picocli.CommandLine.Parameters(paramLabel = "DECISION",
            description = "The decision id, as `heal approvals` lists it.") String decision) {
        return target.call(c -> c.post("approvals/" + decision + "/deny"));
    }

    @Command(name = "pause", mixinStandardHelpOptions = true, description = "Stop deciding until resumed.")
    int pause(@picocli.CommandLine.Mixin Target target) {
        return target.call(c -> c.post("pause"));
    }

    @Command(name = "resume", mixinStandardHelpOptions = true, description = "Decide again; also closes the circuit breaker.")
    int resume(@picocli.CommandLine.Mixin Target target) {
        return target.call(c -> c.post("resume"));
    }

    @Command(name = "replay", mixinStandardHelpOptions = true, description = {
            "Replay a policy on the inputs an audit log recorded: at each logged action, what it would have chosen.",
            "For checking a candidate bundle against what healed a live system. Guards are not replayed: every "
                    + "action is offered."})
    int replay(@Option(names = "--audit", required = true, description = "The daemon's audit log (JSON lines).") Path audit,
               @Option(names = "--policy", defaultValue = LivePolicies.DEFAULT,
                       description = "The policy to replay, as for heal --policy (default: ${DEFAULT-VALUE}).") String name,
               @Option(names = "--scenario", defaultValue = "shop",
                       description = "The scenario whose schema, actions and baseline replicas the live system has "
                               + "(default: ${DEFAULT-VALUE}).") String scenario) {
        if (!Files.isRegularFile(audit)) {
            throw new IllegalArgumentException("no audit log " + audit);
        }
        Scenario sc = ScenarioLoader.load(scenario);
        Simulator sim = new Simulator(sc);
        Policy p = LivePolicies.resolve(name, sim.schema(), sim.actionSpace(), sc.baselineReplicas());
        var rows = AuditReplay.replay(audit, p, sim.schema(), sim.actionSpace());
        PrintWriter out = spec.commandLine().getOut();
        out.printf("%-26s %-48s %s%n", "at", "logged action (decided by)", name + " would choose");
        for (AuditReplay.Row r : rows) {
            out.printf("%-26s %-48s %s%s%n", r.at(), r.logged() + " (" + r.decidedBy() + ")", r.replayed(),
                    r.agrees() ? "" : "   <- differs");
        }
        long same = rows.stream().filter(AuditReplay.Row::agrees).count();
        out.printf("%s chooses the logged action at %d of %d logged actions%n", name, same, rows.size());
        out.flush();
        return 0;
    }
}
