package io.autoops.experiments.live;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.autoops.env.scenario.ScenarioLoader;
import io.autoops.env.sim.Simulator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class AuditReplayTest {

    static final ObjectMapper JSON = new ObjectMapper();
    final Simulator shop = new Simulator(ScenarioLoader.load("shop"));

    /** The shop at rest, with payment down to one of its two instances: what a crash looks like live. */
    Map<String, Double> crashedPayment() {
        shop.reset(1);
        double[] obs = new double[shop.schema().size()];
        shop.observe(obs, 0);
        Map<String, Double> in = new LinkedHashMap<>();
        for (int i = 0; i < obs.length; i++) {
            in.put(shop.schema().names().get(i), obs[i]);
        }
        in.put("payment.ready_replicas", 1.0);
        return in;
    }

    static String record(int seq, String type, String action, Map<String, Double> inputs) throws Exception {
        Map<String, Object> r = new LinkedHashMap<>();
        r.put("seq", seq);
        r.put("at", "2026-12-07T00:00:0" + seq + "Z");
        r.put("type", type);
        r.put("decision", "d-" + seq);
        r.put("policy", "dqn.shop");
        r.put("action", action);
        if (inputs != null) {
            r.put("inputs", inputs);
        }
        return JSON.writeValueAsString(r);
    }

    @Test
    void replaysThePolicyOnEachLoggedAction_andSaysWhereItDiffers(@TempDir Path dir) throws Exception {
        Map<String, Double> crash = crashedPayment();
        Map<String, Double> healthy = new LinkedHashMap<>(crash);
        healthy.put("payment.ready_replicas", 2.0);
        Path audit = Files.write(dir.resolve("audit.jsonl"), List.of(
                record(1, "decision", "noop", null),                      // no inputs: not replayed
                record(2, "decision", "restart:payment", crash),
                record(3, "intent", "restart:payment", null),
                record(4, "decision", "scale-out:payment", healthy)));
        var policy = LivePolicies.resolve("rules.live", shop.schema(), shop.actionSpace());
        List<AuditReplay.Row> rows = AuditReplay.replay(audit, policy, shop.schema(), shop.actionSpace());
        assertThat(rows).extracting(AuditReplay.Row::decision).containsExactly("d-2", "d-4");
        assertThat(rows).extracting(AuditReplay.Row::replayed).containsExactly("restart:payment", "noop");
        assertThat(rows).extracting(AuditReplay.Row::agrees).containsExactly(true, false);
        assertThat(rows.get(1).decidedBy()).isEqualTo("dqn.shop");
    }

    @Test
    void badLogs_areRefusedNamingTheProblem(@TempDir Path dir) throws Exception {
        Map<String, Double> partial = crashedPayment();
        partial.remove("order.memory");
        Path missing = Files.write(dir.resolve("missing.jsonl"), List.of(record(1, "decision", "restart:payment", partial)));
        var policy = LivePolicies.resolve("rules.live", shop.schema(), shop.actionSpace());
        assertThatThrownBy(() -> AuditReplay.replay(missing, policy, shop.schema(), shop.actionSpace()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("decision d-1").hasMessageContaining("no input 'order.memory'");
        Path broken = Files.write(dir.resolve("broken.jsonl"), List.of(record(1, "decision", "noop", null), "{\"seq\": 2, \"at\": "));
        assertThatThrownBy(() -> AuditReplay.replay(broken, policy, shop.schema(), shop.actionSpace()))
                .hasMessageContaining("broken.jsonl line 2 is not an audit record");
        Path quiet = Files.write(dir.resolve("quiet.jsonl"), List.of(record(1, "decision", "noop", null)));
        assertThatThrownBy(() -> AuditReplay.replay(quiet, policy, shop.schema(), shop.actionSpace()))
                .hasMessageContaining("records no decision with inputs");
    }
}
