package io.autoops.env.scenario;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;

/** The scenarios shipped in the env jar (listed in {@code scenarios/index.txt}). */
public final class BundledScenarios {

    private BundledScenarios() {
    }

    public static List<String> names() {
        try (InputStream in = BundledScenarios.class.getResourceAsStream("/io/autoops/env/scenarios/index.txt")) {
            if (in == null) {
                return List.of();
            }
            return Arrays.stream(new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n"))
                    .map(String::strip).filter(s -> !s.isEmpty() && !s.startsWith("#")).toList();
        } catch (IOException e) {
            throw new ScenarioException("cannot read the scenario index: " + e.getMessage(), e);
        }
    }
}
