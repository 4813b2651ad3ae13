package io.autoops.experiments.cli;

import org.junit.jupiter.api.Test;
import picocli.CommandLine;

import java.io.PrintWriter;
import java.io.StringWriter;

import static org.assertj.core.api.Assertions.assertThat;

class AutoOpsTest {

    record Run(int exit, String out, String err) {
    }

    static Run run(String... args) {
        CommandLine cl = AutoOps.commandLine();
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        cl.setOut(new PrintWriter(out));
        cl.setErr(new PrintWriter(err));
        int exit = cl.execute(args);
        return new Run(exit, out.toString(), err.toString());
    }

    @Test
    void heal_badInput_namesTheProblemAndExits1(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir) throws Exception {
        Run missing = run("heal", "--config", dir.resolve("live.yaml").toString());
        assertThat(missing.exit()).isEqualTo(1);
        assertThat(missing.err()).contains("no configuration file").contains("live.yaml");
        java.nio.file.Path bad = java.nio.file.Files.writeString(dir.resolve("bad.yaml"), "shop: s\ninterval: soon\n");
        Run badValue = run("heal", "--config", bad.toString());
        assertThat(badValue.exit()).isEqualTo(1);
        assertThat(badValue.err()).contains("bad.yaml").contains("field interval").contains("'soon' is not a duration");
        java.nio.file.Path noShop = java.nio.file.Files.writeString(dir.resolve("ok.yaml"), "shop: nowhere\n");
        Run none = run("heal", "--config", noShop.toString());
        assertThat(none.err()).contains("no demo shop in").contains("nowhere");
    }

    @Test
    void healReplay_printsEachLoggedActionBesideThePolicysChoice(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir)
            throws Exception {
        var shop = new io.autoops.env.sim.Simulator(io.autoops.env.scenario.ScenarioLoader.load("shop"));
        shop.reset(1);
        double[] obs = new double[shop.schema().size()];
        shop.observe(obs, 0);
        java.util.Map<String, Object> inputs = new java.util.LinkedHashMap<>();
        for (int i = 0; i < obs.length; i++) {
            inputs.put(shop.schema().names().get(i), obs[i]);
        }
        inputs.put("payment.ready_replicas", 1.0);
        String line = new com.fasterxml.jackson.databind.ObjectMapper().writeValueAsString(java.util.Map.of("seq", 1,
                "at", "2026-12-07T00:00:01Z", "type", "decision", "decision", "d-1", "policy", "rules.live",
                "action", "restart:payment", "inputs", inputs));
        java.nio.file.Path audit = java.nio.file.Files.writeString(dir.resolve("audit.jsonl"), line + "\n");
        Run r = run("heal", "replay", "--audit", audit.toString(), "--policy", "rules.live");
        assertThat(r.exit()).as(r.err()).isZero();
        assertThat(r.out()).contains("restart:payment (rules.live)")
                .contains("rules.live chooses the logged action at 1 of 1 logged actions");
        Run none = run("heal", "replay", "--audit", dir.resolve("nope.jsonl").toString());
        assertThat(none.exit()).isEqualTo(1);
        assertThat(none.err()).contains("no audit log").contains("nope.jsonl");
    }

    @Test
    void help_listsEveryCommandWithOneLine() {
        Run r = run("--help");
        assertThat(r.exit()).isZero();
        CommandLine cl = AutoOps.commandLine();
        for (String name : cl.getSubcommands().keySet()) {
            assertThat(r.out()).containsPattern("(?m)^  " + name + " +\\S");
        }
    }

    @Test
    void everyCommand_hasHelpDocumentingDefaults() {
        CommandLine cl = AutoOps.commandLine();
        for (var e : cl.getSubcommands().entrySet()) {
            if (e.getKey().equals("help") || e.getKey().equals("perf") || e.getKey().equals("game")) {
                continue;
            }
            Run r = run(e.getKey(), "--help");
            assertThat(r.exit()).as(e.getKey()).isZero();
            e.getValue().getCommandSpec().options().stream()
                    .filter(o -> o.defaultValue() != null)
                    .forEach(o -> assertThat(String.join(" ", o.description()))
                            .as(e.getKey() + " " + o.longestName() + " documents its default")
                            .contains("default: " + o.defaultValue()));
        }
    }

    @Test
    void unknownCommandOrOption_printsUsageAndExits2() {
        Run cmd = run("frobnicate");
        assertThat(cmd.exit()).isEqualTo(2);
        assertThat(cmd.err()).contains("Unmatched argument").contains("Usage: autoops");
        Run opt = run("--frobnicate");
        assertThat(opt.exit()).isEqualTo(2);
        assertThat(opt.err()).contains("Unknown option");
        assertThat(run().exit()).isEqualTo(2);
    }

    @Test
    void version_printsVersionAndRevision() {
        Run r = run("--version");
        assertThat(r.exit()).isZero();
        assertThat(r.out()).startsWith("autoops ").contains("(git ");
    }

    @Test
    void checkEnv_onToy_passes() {
        Run r = run("check-env", "--toy", "chain", "--episodes", "2");
        assertThat(r.exit()).isZero();
    }

    @Test
    void train_aFolderThatIsNoRl4jCheckpointIsRefused_andAnUnknownAlgorithmIsNamed(
            @org.junit.jupiter.api.io.TempDir java.nio.file.Path dir) {
        Run resume = run("train", "--algo", "rl4j-dqn", "--scenario", "standard/bad-deploy", "--out",
                dir.resolve("p.zip").toString(), "--resume", dir.toString());
        assertThat(resume.exit()).isEqualTo(1);
        assertThat(resume.err()).contains("is not an RL4J checkpoint").contains("rl4j-networks.txt is missing");
        Run unknown = run("train", "--algo", "sarsa", "--scenario", "standard/bad-deploy", "--out", dir.resolve("p.zip").toString());
        assertThat(unknown.exit()).isEqualTo(2);
        assertThat(unknown.err()).contains("unknown algorithm 'sarsa'").contains("rl4j-a3c").contains("marl-team");
        Run separate = run("train", "--algo", "dqn", "--separate-networks", "--scenario", "standard/bad-deploy", "--out",
                dir.resolve("p.zip").toString());
        assertThat(separate.exit()).isEqualTo(2);
        assertThat(separate.err()).contains("--separate-networks: only for marl-* algorithms");
        Run negative = run("train", "--algo", "marl-team", "--action-penalty", "-1", "--scenario", "standard/bad-deploy",
                "--out", dir.resolve("p.zip").toString());
        assertThat(negative.exit()).isEqualTo(2);
        assertThat(negative.err()).contains("--action-penalty must be >= 0, got -1.0");
        Run gapForPpo = run("train", "--algo", "ppo", "--action-gap", "0.9", "--scenario", "standard/bad-deploy",
                "--out", dir.resolve("p.zip").toString());
        assertThat(gapForPpo.exit()).isEqualTo(2);
        assertThat(gapForPpo.err()).contains("--action-gap: an alpha in [0, 1) for dqn, got 0.9 for ppo");
        Run gapOfOne = run("train", "--algo", "dqn", "--action-gap", "1", "--scenario", "standard/bad-deploy",
                "--out", dir.resolve("p.zip").toString());
        assertThat(gapOfOne.exit()).isEqualTo(2);
        assertThat(gapOfOne.err()).contains("--action-gap: an alpha in [0, 1) for dqn, got 1.0 for dqn");
        assertThat(dir.resolve("p.zip")).doesNotExist();
    }

    @Test
    void simulate_agents_printsEachIncident_andRefusesAPolicyBesideIt() {
        java.io.ByteArrayOutputStream printed = new java.io.ByteArrayOutputStream();
        java.io.PrintStream stdout = System.out;
        Run r;
        try {
            System.setOut(new java.io.PrintStream(printed, true, java.nio.charset.StandardCharsets.UTF_8));
            r = run("simulate", "--scenario", "smoke/crash", "--agents");
        } finally {
            System.setOut(stdout);
        }
        assertThat(r.exit()).isZero();
        assertThat(printed.toString(java.nio.charset.StandardCharsets.UTF_8)).contains("policy=agents").contains("1 incident").contains("incident-1  detected 2:10")
                .contains("root cause:  payment").contains("restart:payment").contains("strategies: ");
        Run both = run("simulate", "--scenario", "smoke/crash", "--agents", "--policy", "noop");
        assertThat(both.exit()).isEqualTo(2);
        assertThat(both.err()).contains("--agents runs the agent pipeline: drop --policy noop");
    }
}
