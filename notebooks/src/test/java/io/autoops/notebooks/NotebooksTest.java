package io.autoops.notebooks;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.jar.JarFile;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.DynamicTest.dynamicTest;

/**
 * Executes every notebook headlessly, as {@code ./autoops test} promises: {@code notebooks/run} with the
 * Debian packages' Jupyter and the Java kernel, failing on any cell error. Needs the packages that
 * {@code ./autoops test} installs; without them it fails (it never skips).
 */
@Tag("slow")
class NotebooksTest {

    static final Path HOME = Path.of(System.getProperty("autoops.home", "..")).toAbsolutePath().normalize();
    static final Path NOTEBOOKS = HOME.resolve("notebooks");
    static final List<String> NAMES = List.of("01-quickstart", "02-train-a-policy", "03-compare-policies",
            "04-game-theory", "05-custom-environment", "06-live-dry-run");
    /** Notebooks whose point is a chart, and those whose point is a table. */
    static final List<String> CHARTS = List.of("01-quickstart", "02-train-a-policy", "03-compare-policies");
    static final List<String> TABLES = List.of("01-quickstart", "03-compare-policies", "04-game-theory", "06-live-dry-run");

    static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void theNotebooksAreTheOnesTheReadmePromises() throws IOException {
        List<String> found;
        try (Stream<Path> files = Files.list(NOTEBOOKS)) {
            found = files.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(".ipynb"))
                    .map(n -> n.substring(0, n.length() - ".ipynb".length())).sorted().toList();
        }
        assertThat(found).containsExactlyElementsOf(NAMES);
    }

    @Test
    void theKernelSpecPutsTheWholeApplicationOnTheClassPath(@TempDir Path dir) throws Exception {
        Process p = new ProcessBuilder("bash", NOTEBOOKS.resolve("install-kernel").toString(), "--dir", dir.toString())
                .redirectErrorStream(true).start();
        String log = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor()).as(log).isZero();
        JsonNode spec = JSON.readTree(dir.resolve("kernels/autoops/kernel.json").toFile());
        List<String> argv = new ArrayList<>();
        spec.get("argv").forEach(a -> argv.add(a.asText()));
        assertThat(argv).contains("-jar", "{connection_file}");
        assertThat(Path.of(argv.get(argv.indexOf("-jar") + 1))).exists();
        Path app = Path.of(spec.at("/env/RJK_CLASSPATH").asText());
        assertThat(app).exists();
        // The one jar names every dependency in its manifest, and each of them is there.
        try (JarFile jar = new JarFile(app.toFile())) {
            String[] entries = jar.getManifest().getMainAttributes().getValue("Class-Path").split(" ");
            assertThat(entries).hasSizeGreaterThan(50);
            for (String e : entries) {
                assertThat(app.resolveSibling(e)).as(e).exists();
            }
        }
        assertThat(spec.at("/env/AUTOOPS_HOME").asText()).isEqualTo(HOME.toString());
    }

    /** A notebook string: nbformat stores long ones as a list of lines. */
    static String text(JsonNode node) {
        if (node.isArray()) {
            StringBuilder sb = new StringBuilder();
            node.forEach(line -> sb.append(line.asText()));
            return sb.toString();
        }
        return node.asText();
    }

    @TestFactory
    Stream<DynamicTest> everyNotebookRunsWithoutACellError() {
        Path out = NOTEBOOKS.resolve("target/executed");
        return NAMES.stream().map(name -> dynamicTest(name, () -> {
            Process p = new ProcessBuilder("bash", NOTEBOOKS.resolve("run").toString(), "--out", out.toString(),
                    NOTEBOOKS.resolve(name + ".ipynb").toString()).redirectErrorStream(true).start();
            byte[] log = p.getInputStream().readAllBytes();
            assertThat(p.waitFor(20, TimeUnit.MINUTES)).as("finished").isTrue();
            String text = new String(log, StandardCharsets.UTF_8);
            System.err.print(text.lines().filter(l -> l.startsWith("notebook ")).map(l -> l + "\n")
                    .reduce("", String::concat));
            assertThat(p.exitValue()).as(text).isZero();

            JsonNode nb = JSON.readTree(out.resolve(name + ".ipynb").toFile());
            boolean image = false;
            boolean table = false;
            for (JsonNode cell : nb.get("cells")) {
                if (!cell.get("cell_type").asText().equals("code")) {
                    continue;
                }
                assertThat(cell.get("execution_count").isNull()).as("every code cell ran: " + cell.get("source")).isFalse();
                for (JsonNode o : cell.get("outputs")) {
                    assertThat(o.get("output_type").asText()).as("no error output").isNotEqualTo("error");
                    image |= o.has("data") && o.get("data").has("image/png");
                    table |= text(o.path("data").path("text/html")).contains("<table>");
                }
            }
            if (CHARTS.contains(name)) {
                assertThat(image).as(name + " shows its chart inline").isTrue();
            }
            if (TABLES.contains(name)) {
                assertThat(table).as(name + " shows an HTML table").isTrue();
            }
        }));
    }
}
