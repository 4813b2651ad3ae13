package io.autoops.env.scenario;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;

import java.io.IOException;
import java.io.InputStream;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * Loads scenario YAML files: a file on disk, or a bundled scenario by name ({@code standard/leak}).
 * A scenario extends its {@code base} (the bundled {@code ecommerce} scenario unless it says
 * {@code base: none}); maps merge key by key, lists replace. Every error names the file, the line,
 * the field and the offending value.
 */
public final class ScenarioLoader {

    private static final String RESOURCES = "/io/autoops/env/scenarios/";
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory())
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
            .disable(DeserializationFeature.FAIL_ON_MISSING_CREATOR_PROPERTIES);
    /** For a file on its own: fields may be missing (its base provides them). */
    private static final ObjectMapper PARTIAL = YAML.copy()
            .disable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES);

    private ScenarioLoader() {
    }

    /** A scenario file on disk, or (when no such file exists) a bundled scenario of that name. */
    public static Scenario load(String fileOrName) {
        Path p = Path.of(fileOrName);
        if (Files.isRegularFile(p)) {
            return load(p);
        }
        if (fileOrName.endsWith(".yaml") || fileOrName.endsWith(".yml")) {
            throw new ScenarioException("scenario file " + fileOrName + " does not exist");
        }
        return loadBundled(fileOrName);
    }

    public static Scenario load(Path file) {
        String text;
        try {
            text = Files.readString(file, StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            throw new ScenarioException("scenario file " + file + " does not exist", e);
        } catch (IOException e) {
            throw new ScenarioException("cannot read scenario file " + file + ": " + e.getMessage(), e);
        }
        return parse(file.toString(), text);
    }

    public static Scenario loadBundled(String name) {
        String text = bundledText(name);
        if (text == null) {
            throw new ScenarioException("unknown scenario '" + name + "'; bundled scenarios: "
                    + String.join(", ", BundledScenarios.names()));
        }
        return parse("scenario " + name, text);
    }

    static String bundledText(String name) {
        try (InputStream in = ScenarioLoader.class.getResourceAsStream(RESOURCES + name + ".yaml")) {
            return in == null ? null : new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new ScenarioException("cannot read bundled scenario " + name + ": " + e.getMessage(), e);
        }
    }

    /** Parses scenario text; {@code source} names it in error messages. */
    public static Scenario parse(String source, String text) {
        Map<String, Integer> lines = lineMap(source, text);
        // 1. Unknown fields and wrong types, checked on the file itself so the line is exact.
        JsonNode own;
        try {
            PARTIAL.readValue(text, ScenarioSpec.class);
            own = YAML.readTree(text);
        } catch (JsonProcessingException e) {
            throw new ScenarioException(located(new Locator(source, lines, null, Map.of()), e), e);
        }
        if (own == null || !own.isObject()) {
            throw new ScenarioException(source + ": a scenario must be a YAML mapping (topology:, traffic:, faults: ...)");
        }
        // 2. Merge over the base.
        String baseName = own.hasNonNull("base") ? own.get("base").asText() : "ecommerce";
        JsonNode merged = own;
        Map<String, Integer> baseLines = Map.of();
        String baseSource = null;
        if (!baseName.equals("none")) {
            String baseText = bundledText(baseName);
            if (baseText == null) {
                throw new ScenarioException(at(source, lines, "base") + "field 'base': unknown base scenario '"
                        + baseName + "'; use a bundled scenario (ecommerce, shop, ...) or 'none'");
            }
            baseSource = "scenario " + baseName;
            baseLines = lineMap(baseSource, baseText);
            try {
                JsonNode base = YAML.readTree(baseText);
                merged = merge(base.deepCopy(), own);
            } catch (JsonProcessingException e) {
                throw new ScenarioException(describe(baseSource, e), e);
            }
        }
        Locator locator = new Locator(source, lines, baseSource, baseLines);
        ScenarioSpec spec;
        try {
            spec = YAML.treeToValue(merged, ScenarioSpec.class);
        } catch (JsonProcessingException e) {
            throw new ScenarioException(located(locator, e), e);
        }
        // 3. Meaning: ranges, references, cycles.
        return new ScenarioValidator(spec, locator).validate();
    }

    /** Finds the file and line of a field path such as {@code topology.services[2].capacity}. */
    record Locator(String source, Map<String, Integer> lines, String baseSource, Map<String, Integer> baseLines) {
        String at(String path) {
            for (String p = path; !p.isEmpty(); p = parent(p)) {
                if (lines.containsKey(p)) {
                    return source + ":" + lines.get(p) + ": ";
                }
                if (baseSource != null && baseLines.containsKey(p) && !lines.containsKey(firstSegment(p))) {
                    return baseSource + ":" + baseLines.get(p) + ": ";
                }
            }
            return source + ": ";
        }

        private static String parent(String p) {
            int i = Math.max(p.lastIndexOf('.'), p.lastIndexOf('['));
            return i < 0 ? "" : p.substring(0, i);
        }

        private static String firstSegment(String p) {
            int i = p.indexOf('.');
            int j = p.indexOf('[');
            int k = i < 0 ? j : (j < 0 ? i : Math.min(i, j));
            return k < 0 ? p : p.substring(0, k);
        }
    }

    private static String at(String source, Map<String, Integer> lines, String path) {
        return new Locator(source, lines, null, Map.of()).at(path);
    }

    private static JsonNode merge(JsonNode base, JsonNode over) {
        if (base instanceof ObjectNode b && over.isObject()) {
            Iterator<Map.Entry<String, JsonNode>> it = over.fields();
            while (it.hasNext()) {
                Map.Entry<String, JsonNode> e = it.next();
                JsonNode existing = b.get(e.getKey());
                b.set(e.getKey(), existing != null && existing.isObject() && e.getValue().isObject()
                        ? merge(existing, e.getValue()) : e.getValue());
            }
            return b;
        }
        return over;
    }

    /** The error with the line of its field (or the nearest parent) from the line map, not the parser's position. */
    private static String located(Locator locator, JsonProcessingException e) {
        if (!(e instanceof JsonMappingException m) || m.getPath().isEmpty()) {
            return describe(locator.source(), e);
        }
        String message = describe("", e);
        return locator.at(path(m.getPath())) + message.substring(message.indexOf(": ") + 2);
    }

    private static String describe(String source, JsonProcessingException e) {
        String line = e.getLocation() == null || e.getLocation().getLineNr() < 1 ? "" : ":" + e.getLocation().getLineNr();
        String path = e instanceof JsonMappingException m ? path(m.getPath()) : "";
        if (e instanceof UnrecognizedPropertyException u) {
            return source + line + ": unknown field '" + u.getPropertyName() + "'"
                    + (path.contains(".") ? " in " + path.substring(0, path.lastIndexOf('.')) : "")
                    + "; known fields: " + u.getKnownPropertyIds();
        }
        if (e instanceof InvalidFormatException f) {
            return source + line + ": field '" + path + "' has the wrong type: '" + f.getValue() + "' is not "
                    + article(f.getTargetType());
        }
        if (e instanceof MismatchedInputException m && String.valueOf(m.getOriginalMessage()).startsWith("Cannot map `null`")) {
            return source + line + ": field '" + path + "' is missing";
        }
        if (e instanceof MismatchedInputException m && m.getTargetType() != null) {
            return source + line + ": field '" + path + "' has the wrong type: expected " + article(m.getTargetType());
        }
        return source + line + ": " + (e.getOriginalMessage() == null ? e.getMessage() : e.getOriginalMessage());
    }

    private static String article(Class<?> type) {
        if (type == double.class || type == Double.class) {
            return "a number";
        }
        if (type == int.class || type == Integer.class || type == long.class) {
            return "a whole number";
        }
        if (type == boolean.class || type == Boolean.class) {
            return "true or false";
        }
        if (List.class.isAssignableFrom(type)) {
            return "a list";
        }
        if (type == String.class) {
            return "a string";
        }
        return "a mapping (" + type.getSimpleName().replace("Spec", "").toLowerCase() + ")";
    }

    private static String path(List<JsonMappingException.Reference> refs) {
        StringBuilder sb = new StringBuilder();
        for (JsonMappingException.Reference r : refs) {
            if (r.getFieldName() != null) {
                if (!sb.isEmpty()) {
                    sb.append('.');
                }
                sb.append(r.getFieldName());
            } else if (r.getIndex() >= 0) {
                sb.append('[').append(r.getIndex()).append(']');
            }
        }
        return sb.toString();
    }

    /** Maps every field path of a YAML document to its 1-based line number. */
    static Map<String, Integer> lineMap(String source, String text) {
        Map<String, Integer> lines = new HashMap<>();
        try {
            Node root = new Yaml(new LoaderOptions()).compose(new StringReader(text));
            if (root != null) {
                walk(root, "", lines);
            }
        } catch (RuntimeException e) {
            throw new ScenarioException(source + ": not valid YAML: " + e.getMessage().replace('\n', ' '), e);
        }
        return lines;
    }

    private static void walk(Node node, String path, Map<String, Integer> lines) {
        if (node instanceof MappingNode m) {
            for (NodeTuple t : m.getValue()) {
                if (t.getKeyNode() instanceof ScalarNode k) {
                    String p = path.isEmpty() ? k.getValue() : path + "." + k.getValue();
                    lines.put(p, k.getStartMark().getLine() + 1);
                    walk(t.getValueNode(), p, lines);
                }
            }
        } else if (node instanceof SequenceNode s) {
            List<Node> items = new ArrayList<>(s.getValue());
            for (int i = 0; i < items.size(); i++) {
                String p = path + "[" + i + "]";
                lines.put(p, items.get(i).getStartMark().getLine() + 1);
                walk(items.get(i), p, lines);
            }
        }
    }
}
