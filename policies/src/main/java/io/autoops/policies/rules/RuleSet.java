package io.autoops.policies.rules;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;

/**
 * Threshold healing rules, as written in YAML: when a feature of a service (or node) stays above a
 * threshold for {@code for} consecutive decisions, apply {@code action} to that service (or node),
 * then leave the target alone for {@code cooldownSteps} decisions.
 *
 * @param name          rule set name
 * @param cooldownSteps decisions to wait after acting on a target
 * @param rules         rules in priority order (within the same severity)
 */
public record RuleSet(String name, int cooldownSteps, List<Rule> rules) {

    /**
     * @param name     rule name
     * @param feature  per-service feature ({@code cpu}, {@code error_rate}, ...), the derived {@code unready_replicas}
     *                 (desired minus ready instances), or {@code node.cpu} / {@code node.memory}
     * @param above    threshold: the rule fires while the value is strictly above it
     * @param forSteps consecutive decisions the condition must hold (a single spike does not fire)
     * @param severity info, warning or critical; critical rules win over warnings
     * @param action   remediation kind: restart, scale-out, scale-in, rollback, shed-load, drain
     */
    public record Rule(String name, String feature, double above, int forSteps, String severity, String action) {
        static final Set<String> ACTIONS = Set.of("restart", "scale-out", "scale-in", "rollback", "shed-load", "drain");
        static final List<String> SEVERITIES = List.of("info", "warning", "critical");

        public Rule {
            if (name == null || feature == null || action == null) {
                throw new IllegalArgumentException("a rule needs name, feature and action");
            }
            if (!ACTIONS.contains(action)) {
                throw new IllegalArgumentException("rule " + name + ": unknown action '" + action + "'; known: " + ACTIONS);
            }
            if (severity == null) {
                severity = "warning";
            }
            if (!SEVERITIES.contains(severity)) {
                throw new IllegalArgumentException("rule " + name + ": severity must be one of " + SEVERITIES + ", got '" + severity + "'");
            }
            if (forSteps < 1) {
                forSteps = 1;
            }
            if (feature.startsWith("node.") != action.equals("drain")) {
                throw new IllegalArgumentException("rule " + name + ": node features go with the drain action, service features with the others");
            }
        }

        int rank() {
            return SEVERITIES.indexOf(severity);
        }

        /** The same rule with another threshold. */
        public Rule withThreshold(double threshold) {
            return new Rule(name, feature, threshold, forSteps, severity, action);
        }
    }

    public RuleSet {
        rules = List.copyOf(rules);
        if (cooldownSteps < 0) {
            throw new IllegalArgumentException("cooldownSteps must be >= 0, got " + cooldownSteps);
        }
    }

    private record Yaml(String name, Integer cooldownSteps, List<YamlRule> rules) {
    }

    private record YamlRule(String name, String feature, double above,
                            @com.fasterxml.jackson.annotation.JsonProperty("for") Integer forSteps,
                            String severity, String action) {
    }

    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory())
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

    /** The seed's rules, bundled. */
    public static RuleSet seed() {
        return bundled("seed.yaml");
    }

    /**
     * Rules for live healing, bundled: the seed's, plus a restart when instances are missing (a crash the
     * platform does not restart by itself), a restart for slow responses of one bad instance, and
     * thresholds meant for decisions once a second.
     */
    public static RuleSet live() {
        return bundled("live.yaml");
    }

    private static RuleSet bundled(String file) {
        try (InputStream in = RuleSet.class.getResourceAsStream("/io/autoops/policies/rules/" + file)) {
            return parse("bundled rules " + file, new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new IllegalStateException("cannot read the bundled rules " + file, e);
        }
    }

    public static RuleSet load(Path file) {
        try {
            return parse(file.toString(), Files.readString(file));
        } catch (IOException e) {
            throw new IllegalArgumentException("cannot read rules file " + file + ": " + e.getMessage(), e);
        }
    }

    public static RuleSet parse(String source, String text) {
        Yaml y;
        try {
            y = YAML.readValue(text, Yaml.class);
        } catch (JsonProcessingException e) {
            String line = e.getLocation() == null ? "" : ":" + e.getLocation().getLineNr();
            throw new IllegalArgumentException(source + line + ": " + e.getOriginalMessage(), e);
        }
        if (y == null || y.rules() == null || y.rules().isEmpty()) {
            throw new IllegalArgumentException(source + ": field 'rules' must list at least one rule");
        }
        try {
            return new RuleSet(y.name() == null ? source : y.name(), y.cooldownSteps() == null ? 0 : y.cooldownSteps(),
                    y.rules().stream().map(r -> new Rule(r.name(), r.feature(), r.above(),
                            r.forSteps() == null ? 1 : r.forSteps(), r.severity(), r.action())).toList());
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(source + ": " + e.getMessage(), e);
        }
    }

    /** The same rules with other thresholds (in rule order) and cool-down. */
    public RuleSet with(double[] thresholds, int cooldown, String newName) {
        if (thresholds.length != rules.size()) {
            throw new IllegalArgumentException("need " + rules.size() + " thresholds");
        }
        java.util.ArrayList<Rule> out = new java.util.ArrayList<>();
        for (int i = 0; i < rules.size(); i++) {
            out.add(rules.get(i).withThreshold(thresholds[i]));
        }
        return new RuleSet(newName, cooldown, out);
    }
}
