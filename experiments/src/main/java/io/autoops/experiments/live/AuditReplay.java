package io.autoops.experiments.live;

import io.autoops.core.healing.AuditLog;
import io.autoops.core.healing.AuditRecord;
import io.autoops.core.mdp.DiscreteSpace;
import io.autoops.core.mdp.ObservationSchema;
import io.autoops.core.mdp.Policy;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * Replays a policy on the readings an audit log recorded: at each decision that chose an action (the
 * daemon records its inputs then), what the policy would have chosen. For checking a candidate bundle
 * against what healed a live system before it is swapped in. The replay offers every action: the
 * daemon's guards (rate limits, cool-downs, the root-cause guard, what the actuator can do) are not
 * replayed, so a replayed choice is what the policy wants, not what the daemon would have let it do;
 * and a policy with memory (rules that want several readings in a row) sees only the logged readings.
 */
public final class AuditReplay {

    /** One logged action and the replayed policy's choice on the same inputs. */
    public record Row(String at, String decision, String decidedBy, String logged, String replayed) {
        public boolean agrees() {
            return logged.equals(replayed);
        }
    }

    private AuditReplay() {
    }

    /**
     * @throws IllegalArgumentException when a decision's inputs lack a feature of {@code schema} (naming
     *                                  the decision and the feature) or the log records no inputs at all
     */
    public static List<Row> replay(Path audit, Policy policy, ObservationSchema schema, DiscreteSpace actions) {
        List<Row> rows = new ArrayList<>();
        boolean[] all = new boolean[actions.n()];
        Arrays.fill(all, true);
        for (AuditRecord r : AuditLog.readAll(audit)) {
            if (!"decision".equals(r.type()) || r.inputs() == null || r.action() == null) {
                continue;
            }
            double[] obs = new double[schema.size()];
            Map<String, Double> in = r.inputs();
            for (int i = 0; i < obs.length; i++) {
                Double v = in.get(schema.names().get(i));
                if (v == null) {
                    throw new IllegalArgumentException("audit log " + audit + ": decision " + r.decision() + " at " + r.at()
                            + " has no input '" + schema.names().get(i) + "' (the policy's schema has " + schema.size()
                            + " features, the record " + in.size() + ")");
                }
                obs[i] = v;
            }
            int a = policy.act(obs, all.clone());
            rows.add(new Row(r.at(), r.decision(), r.policy(), r.action(), actions.labels().get(a)));
        }
        if (rows.isEmpty()) {
            throw new IllegalArgumentException("audit log " + audit + " records no decision with inputs (the daemon records "
                    + "them when it chooses an action)");
        }
        return rows;
    }
}
