package io.autoops.env.scenario;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * A named set of scenarios that a benchmark runs together: bundled ({@code smoke}, {@code standard})
 * or a YAML file listing scenario names or files.
 *
 * @param name        suite name
 * @param description one line for humans
 * @param scenarios   the scenarios, loaded and validated
 */
public record Suite(String name, String description, List<Scenario> scenarios) {

    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory())
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

    private record Spec(String name, String description, List<String> scenarios) {
    }

    public Suite {
        scenarios = List.copyOf(scenarios);
    }

    /** Names of the bundled suites. */
    public static List<String> bundled() {
        try (InputStream in = Suite.class.getResourceAsStream("/io/autoops/env/suites/index.txt")) {
            return in == null ? List.of() : Arrays.stream(new String(in.readAllBytes(), StandardCharsets.UTF_8)
                    .split("\n")).map(String::strip).filter(s -> !s.isEmpty()).toList();
        } catch (IOException e) {
            throw new ScenarioException("cannot read the suite index: " + e.getMessage(), e);
        }
    }

    /** A suite file on disk, or a bundled suite by name. */
    public static Suite load(String fileOrName) {
        Path p = Path.of(fileOrName);
        String text;
        String source;
        Path dir = null;
        try {
            if (Files.isRegularFile(p)) {
                text = Files.readString(p);
                source = p.toString();
                dir = p.toAbsolutePath().getParent();
            } else {
                try (InputStream in = Suite.class.getResourceAsStream("/io/autoops/env/suites/" + fileOrName + ".yaml")) {
                    if (in == null) {
                        throw new ScenarioException("unknown suite '" + fileOrName + "'; bundled suites: "
                                + String.join(", ", bundled()) + " (or give a suite file)");
                    }
                    text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
                    source = "suite " + fileOrName;
                }
            }
        } catch (IOException e) {
            throw new ScenarioException("cannot read suite " + fileOrName + ": " + e.getMessage(), e);
        }
        Spec spec;
        try {
            spec = YAML.readValue(text, Spec.class);
        } catch (JsonProcessingException e) {
            String line = e.getLocation() == null ? "" : ":" + e.getLocation().getLineNr();
            throw new ScenarioException(source + line + ": " + e.getOriginalMessage(), e);
        }
        if (spec == null || spec.scenarios() == null || spec.scenarios().isEmpty()) {
            throw new ScenarioException(source + ": field 'scenarios' must list at least one scenario");
        }
        List<Scenario> scenarios = new ArrayList<>();
        for (String s : spec.scenarios()) {
            Path rel = dir == null ? null : dir.resolve(s);
            scenarios.add(rel != null && Files.isRegularFile(rel) ? ScenarioLoader.load(rel) : ScenarioLoader.load(s));
        }
        return new Suite(spec.name() == null ? fileOrName : spec.name(),
                spec.description() == null ? "" : spec.description(), scenarios);
    }
}
