package io.autoops.core.bundle;

import io.autoops.core.mdp.DiscreteSpace;
import io.autoops.core.mdp.Feature;
import io.autoops.core.mdp.ObservationSchema;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import java.util.zip.ZipOutputStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class PolicyBundleTest {

    @TempDir
    Path dir;

    private final ObservationSchema schema = new ObservationSchema(List.of(
            Feature.of("gateway.error_rate", "ratio", 0, 1),
            Feature.of("gateway.p99_latency_ratio", "ratio", 0, 50)));
    private final DiscreteSpace actions = new DiscreteSpace(List.of("noop", "restart:gateway"));

    private BundleMetadata metadata() {
        return BundleMetadata.of("test-policy", "dqn", "0.1.0", schema, actions.labels(), "smoke", 42L,
                Map.of("eval.return.mean", 12.5), Instant.parse("2026-01-02T03:04:05Z"), Map.of("hidden", "64,64"));
    }

    private Path writeBundle() {
        Path zip = dir.resolve("policy.zip");
        PolicyBundle.write(zip, metadata(), Map.of("network.bin", new byte[] {1, 2, 3, 4}, "normaliser.json",
                "{}".getBytes(StandardCharsets.UTF_8)));
        return zip;
    }

    @Test
    void write_thenRead_roundTripsMetadataAndModelFiles() {
        Path zip = writeBundle();
        PolicyBundle bundle = PolicyBundle.read(zip);
        assertThat(bundle.metadata()).isEqualTo(metadata());
        assertThat(bundle.modelFileNames()).containsExactlyInAnyOrder("network.bin", "normaliser.json");
        assertThat(bundle.modelFile("network.bin")).containsExactly(1, 2, 3, 4);
        bundle.requireCompatible(schema, actions); // does not throw
    }

    @Test
    void write_twice_givesIdenticalBytes() throws IOException {
        Path zip = writeBundle();
        byte[] first = Files.readAllBytes(zip);
        writeBundle();
        assertThat(Files.readAllBytes(zip)).isEqualTo(first);
        try (var files = Files.list(dir)) {
            assertThat(files.map(p -> p.getFileName().toString())).containsExactly("policy.zip");
        }
    }

    @Test
    void read_tamperedModelFile_isRefusedNamingTheFile() throws IOException {
        Path zip = writeBundle();
        Path tampered = rewrite(zip, "model/network.bin", new byte[] {1, 2, 3, 5});
        assertThatThrownBy(() -> PolicyBundle.read(tampered))
                .isInstanceOf(BundleException.class)
                .hasMessageContaining("checksum of 'model/network.bin' fails");
    }

    @Test
    void read_tamperedMetadata_isRefused() throws IOException {
        Path zip = writeBundle();
        byte[] meta = entry(zip, "metadata.json");
        String changed = new String(meta, StandardCharsets.UTF_8).replace("\"smoke\"", "\"standard\"");
        Path tampered = rewrite(zip, "metadata.json", changed.getBytes(StandardCharsets.UTF_8));
        assertThatThrownBy(() -> PolicyBundle.read(tampered))
                .isInstanceOf(BundleException.class)
                .hasMessageContaining("checksum of 'metadata.json' fails");
    }

    @Test
    void read_truncatedZip_isRefused() throws IOException {
        Path zip = writeBundle();
        byte[] all = Files.readAllBytes(zip);
        Path cut = dir.resolve("cut.zip");
        Files.write(cut, java.util.Arrays.copyOf(all, all.length / 2));
        assertThatThrownBy(() -> PolicyBundle.read(cut))
                .isInstanceOf(BundleException.class)
                .hasMessageContaining("cut.zip");
    }

    @Test
    void read_notAZip_isRefused() throws IOException {
        Path text = dir.resolve("notes.zip");
        Files.writeString(text, "this is not a zip file\n");
        assertThatThrownBy(() -> PolicyBundle.read(text))
                .isInstanceOf(BundleException.class)
                .hasMessageContaining("not a zip file");
    }

    @Test
    void read_missingFile_isRefused() {
        assertThatThrownBy(() -> PolicyBundle.read(dir.resolve("nope.zip")))
                .isInstanceOf(BundleException.class)
                .hasMessageContaining("does not exist");
    }

    @Test
    void read_extraUnlistedEntry_isRefused() throws IOException {
        Path zip = writeBundle();
        Path extra = rewrite(zip, "model/backdoor.bin", new byte[] {9});
        assertThatThrownBy(() -> PolicyBundle.read(extra))
                .isInstanceOf(BundleException.class)
                .hasMessageContaining("'model/backdoor.bin' is not listed");
    }

    @Test
    void read_pathTraversalEntry_isRefused() throws IOException {
        Path evil = dir.resolve("evil.zip");
        try (OutputStream out = Files.newOutputStream(evil); ZipOutputStream z = new ZipOutputStream(out)) {
            z.putNextEntry(new ZipEntry("../../etc/passwd"));
            z.write(1);
            z.closeEntry();
        }
        assertThatThrownBy(() -> PolicyBundle.read(evil))
                .isInstanceOf(BundleException.class)
                .hasMessageContaining("illegal entry name");
    }

    @Test
    void requireCompatible_otherSchema_namesTheDifferingFeatures() {
        PolicyBundle bundle = PolicyBundle.read(writeBundle());
        ObservationSchema live = new ObservationSchema(List.of(
                Feature.of("gateway.error_rate", "ratio", 0, 1),
                Feature.of("gateway.cpu", "ratio", 0, 1)));
        assertThatThrownBy(() -> bundle.requireCompatible(live, actions))
                .isInstanceOf(BundleException.class)
                .hasMessageContaining("the environment lacks feature 'gateway.p99_latency_ratio'")
                .hasMessageContaining("the policy was not trained on feature 'gateway.cpu'");
    }

    @Test
    void requireCompatible_otherUnit_isRefused() {
        PolicyBundle bundle = PolicyBundle.read(writeBundle());
        ObservationSchema live = new ObservationSchema(List.of(
                Feature.of("gateway.error_rate", "percent", 0, 100),
                Feature.of("gateway.p99_latency_ratio", "ratio", 0, 50)));
        assertThatThrownBy(() -> bundle.requireCompatible(live, actions))
                .hasMessageContaining("'gateway.error_rate' has unit 'percent', expected 'ratio'");
    }

    @Test
    void requireCompatible_otherActions_isRefused() {
        PolicyBundle bundle = PolicyBundle.read(writeBundle());
        DiscreteSpace other = new DiscreteSpace(List.of("noop", "rollback:gateway"));
        assertThatThrownBy(() -> bundle.requireCompatible(schema, other))
                .hasMessageContaining("action labels differ")
                .hasMessageContaining("rollback:gateway");
    }

    private static byte[] entry(Path zip, String name) throws IOException {
        try (InputStream in = Files.newInputStream(zip); ZipInputStream z = new ZipInputStream(in)) {
            ZipEntry e;
            while ((e = z.getNextEntry()) != null) {
                if (e.getName().equals(name)) {
                    return z.readAllBytes();
                }
            }
        }
        throw new AssertionError("no entry " + name);
    }

    /** Copies the zip, replacing (or adding) one entry, keeping SHA256SUMS as it was. */
    private Path rewrite(Path zip, String name, byte[] content) throws IOException {
        Map<String, byte[]> entries = new LinkedHashMap<>();
        try (InputStream in = Files.newInputStream(zip); ZipInputStream z = new ZipInputStream(in)) {
            ZipEntry e;
            while ((e = z.getNextEntry()) != null) {
                entries.put(e.getName(), z.readAllBytes());
            }
        }
        entries.put(name, content);
        Path out = dir.resolve("tampered.zip");
        try (OutputStream os = Files.newOutputStream(out); ZipOutputStream z = new ZipOutputStream(os)) {
            for (Map.Entry<String, byte[]> e : entries.entrySet()) {
                z.putNextEntry(new ZipEntry(e.getKey()));
                z.write(e.getValue());
                z.closeEntry();
            }
        }
        return out;
    }
}
