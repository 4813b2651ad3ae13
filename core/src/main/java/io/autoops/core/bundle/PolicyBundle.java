package io.autoops.core.bundle;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import io.autoops.core.mdp.DiscreteSpace;
import io.autoops.core.mdp.Feature;
import io.autoops.core.mdp.ObservationSchema;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.zip.ZipEntry;
import java.util.zip.ZipException;
import java.util.zip.ZipInputStream;
import java.util.zip.ZipOutputStream;

/**
 * A policy bundle: the unit that moves a policy from training to live healing. One zip file holding
 * <ul>
 *   <li>{@code metadata.json} — {@link BundleMetadata} (algorithm, schema, actions, training, evaluation);</li>
 *   <li>{@code model/...} — the model files of the algorithm;</li>
 *   <li>{@code SHA256SUMS} — the SHA-256 of every other file, {@code sha256sum} format.</li>
 * </ul>
 * Reading verifies every checksum and refuses extra, missing, oversized or oddly named entries;
 * nothing is ever Java-deserialised. Instances are immutable and thread-safe.
 */
public final class PolicyBundle {

    public static final String METADATA = "metadata.json";
    public static final String CHECKSUMS = "SHA256SUMS";
    public static final String MODEL_DIR = "model/";

    private static final long MAX_ENTRY_BYTES = 256L << 20;
    private static final long MAX_TOTAL_BYTES = 512L << 20;
    private static final int MAX_ENTRIES = 1_000;

    private static final ObjectMapper JSON = new ObjectMapper()
            .registerModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
            .enable(SerializationFeature.INDENT_OUTPUT)
            .enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS)
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

    private final Path source;
    private final BundleMetadata metadata;
    private final Map<String, byte[]> modelFiles;

    private PolicyBundle(Path source, BundleMetadata metadata, Map<String, byte[]> modelFiles) {
        this.source = source;
        this.metadata = metadata;
        this.modelFiles = Collections.unmodifiableMap(modelFiles);
    }

    public BundleMetadata metadata() {
        return metadata;
    }

    /** Where the bundle was read from, or {@code null} for one built in memory. */
    public Path source() {
        return source;
    }

    /** Names of the model files, relative to {@code model/}. */
    public Set<String> modelFileNames() {
        return modelFiles.keySet();
    }

    /** Content of one model file (a copy). */
    public byte[] modelFile(String name) {
        byte[] b = modelFiles.get(name);
        if (b == null) {
            throw new BundleException(where() + ": no model file '" + name + "' (has " + modelFiles.keySet() + ")");
        }
        return b.clone();
    }

    /**
     * Refuses a bundle trained on another observation schema or action space than the target's,
     * naming every difference.
     */
    public void requireCompatible(ObservationSchema schema, DiscreteSpace actions) {
        // Expected: what the policy was trained on; found: what the environment offers.
        List<Feature> trained = new ArrayList<>();
        for (int i = 0; i < metadata.featureNames().size(); i++) {
            trained.add(Feature.of(metadata.featureNames().get(i), metadata.featureUnits().get(i), 0, 0));
        }
        List<String> problems = trained.isEmpty() ? new ArrayList<>(List.of("bundle lists no features"))
                : new ArrayList<>(new ObservationSchema(trained).differences(schema));
        if (problems.isEmpty() && !schema.hash().equals(metadata.schemaHash())) {
            problems.add("schema hash " + metadata.schemaHash() + " does not match " + schema.hash());
        }
        if (!actions.labels().equals(metadata.actionLabels())) {
            List<String> missing = new ArrayList<>(actions.labels());
            missing.removeAll(metadata.actionLabels());
            List<String> extra = new ArrayList<>(metadata.actionLabels());
            extra.removeAll(actions.labels());
            problems.add("action labels differ" + (missing.isEmpty() ? "" : "; target has " + missing + " not in bundle")
                    + (extra.isEmpty() ? "" : "; bundle has " + extra + " not in target")
                    + (missing.isEmpty() && extra.isEmpty() ? " in order" : ""));
        }
        if (!problems.isEmpty()) {
            List<String> said = new ArrayList<>();
            for (String p : problems) {
                said.add(p.replace("missing feature", "the environment lacks feature")
                        .replace("unexpected feature", "the policy was not trained on feature"));
            }
            int shown = Math.min(said.size(), 8);
            String list = String.join("; ", said.subList(0, shown))
                    + (said.size() > shown ? "; and " + (said.size() - shown) + " more differences" : "");
            throw new BundleException(where() + " (policy '" + metadata.name() + "') does not fit this environment: " + list);
        }
    }

    private String where() {
        return source == null ? "bundle" : "bundle " + source;
    }

    // ----------------------------------------------------------------------------------------- write

    /**
     * Writes a bundle atomically: to a temporary file next to {@code zip}, then moved into place, so
     * an interrupted write never leaves a half-written bundle behind.
     *
     * @param modelFiles model files by name relative to {@code model/} (e.g. {@code network.zip})
     */
    public static PolicyBundle write(Path zip, BundleMetadata metadata, Map<String, byte[]> modelFiles) {
        Map<String, byte[]> files = new TreeMap<>();
        modelFiles.forEach((name, bytes) -> {
            checkName(MODEL_DIR + name, zip);
            files.put(MODEL_DIR + name, bytes.clone());
        });
        try {
            files.put(METADATA, JSON.writeValueAsBytes(metadata));
        } catch (JsonProcessingException e) {
            throw new BundleException("cannot serialise metadata for " + zip + ": " + e.getOriginalMessage(), e);
        }
        StringBuilder sums = new StringBuilder();
        files.forEach((name, bytes) -> sums.append(sha256(bytes)).append("  ").append(name).append('\n'));
        Path dir = zip.toAbsolutePath().getParent();
        Path tmp = null;
        try {
            Files.createDirectories(dir);
            tmp = Files.createTempFile(dir, ".bundle-", ".tmp");
            try (OutputStream out = Files.newOutputStream(tmp); ZipOutputStream z = new ZipOutputStream(out)) {
                for (Map.Entry<String, byte[]> f : files.entrySet()) {
                    putEntry(z, f.getKey(), f.getValue());
                }
                putEntry(z, CHECKSUMS, sums.toString().getBytes(StandardCharsets.UTF_8));
            }
            try {
                Files.setPosixFilePermissions(tmp, java.nio.file.attribute.PosixFilePermissions.fromString("rw-r--r--"));
            } catch (UnsupportedOperationException e) {
                // not a POSIX file system
            }
            try {
                Files.move(tmp, zip, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(tmp, zip, StandardCopyOption.REPLACE_EXISTING);
            }
        } catch (IOException e) {
            throw new BundleException("cannot write bundle " + zip + ": " + e.getMessage(), e);
        } finally {
            if (tmp != null) {
                try {
                    Files.deleteIfExists(tmp);
                } catch (IOException ignored) {
                    // best effort: the temporary file is hidden and named .bundle-*.tmp
                }
            }
        }
        Map<String, byte[]> model = new TreeMap<>();
        modelFiles.forEach((k, v) -> model.put(k, v.clone()));
        return new PolicyBundle(zip, metadata, model);
    }

    private static void putEntry(ZipOutputStream z, String name, byte[] bytes) throws IOException {
        ZipEntry e = new ZipEntry(name);
        e.setTime(0L); // reproducible archives
        z.putNextEntry(e);
        z.write(bytes);
        z.closeEntry();
    }

    // ------------------------------------------------------------------------------------------ read

    /** Reads and verifies a bundle; any problem is a {@link BundleException} naming the file and what is wrong. */
    public static PolicyBundle read(Path zip) {
        Map<String, byte[]> files = new LinkedHashMap<>();
        long total = 0;
        try (InputStream in = Files.newInputStream(zip); ZipInputStream z = new ZipInputStream(in)) {
            ZipEntry e;
            while ((e = z.getNextEntry()) != null) {
                if (e.isDirectory()) {
                    continue;
                }
                String name = e.getName();
                checkName(name, zip);
                if (files.containsKey(name)) {
                    throw new BundleException("bundle " + zip + " has entry '" + name + "' twice");
                }
                if (files.size() >= MAX_ENTRIES) {
                    throw new BundleException("bundle " + zip + " has more than " + MAX_ENTRIES + " entries");
                }
                byte[] bytes = readBounded(z, name, zip);
                total += bytes.length;
                if (total > MAX_TOTAL_BYTES) {
                    throw new BundleException("bundle " + zip + " unpacks to more than " + (MAX_TOTAL_BYTES >> 20) + " MiB");
                }
                files.put(name, bytes);
            }
        } catch (NoSuchFileException e) {
            throw new BundleException("bundle " + zip + " does not exist", e);
        } catch (ZipException | java.io.EOFException e) {
            throw new BundleException("bundle " + zip + " is truncated or not a zip file: " + e.getMessage(), e);
        } catch (IOException e) {
            throw new BundleException("cannot read bundle " + zip + ": " + e.getMessage(), e);
        }
        if (files.isEmpty()) {
            throw new BundleException("bundle " + zip + " is empty, truncated or not a zip file");
        }
        byte[] sums = files.remove(CHECKSUMS);
        if (sums == null) {
            throw new BundleException("bundle " + zip + " has no " + CHECKSUMS + " (not a policy bundle, or truncated)");
        }
        Map<String, String> expected = parseChecksums(new String(sums, StandardCharsets.UTF_8), zip);
        for (String name : files.keySet()) {
            if (!expected.containsKey(name)) {
                throw new BundleException("bundle " + zip + ": entry '" + name + "' is not listed in " + CHECKSUMS);
            }
        }
        for (Map.Entry<String, String> x : expected.entrySet()) {
            byte[] bytes = files.get(x.getKey());
            if (bytes == null) {
                throw new BundleException("bundle " + zip + ": '" + x.getKey() + "' listed in " + CHECKSUMS
                        + " is missing (truncated?)");
            }
            String actual = sha256(bytes);
            if (!actual.equals(x.getValue())) {
                throw new BundleException("bundle " + zip + ": checksum of '" + x.getKey() + "' fails (expected "
                        + x.getValue() + ", got " + actual + "): the file was modified or corrupted");
            }
        }
        byte[] meta = files.remove(METADATA);
        if (meta == null) {
            throw new BundleException("bundle " + zip + " has no " + METADATA);
        }
        BundleMetadata metadata;
        try {
            metadata = JSON.readValue(meta, BundleMetadata.class);
        } catch (IOException | IllegalArgumentException e) {
            throw new BundleException("bundle " + zip + ": " + METADATA + " is invalid: " + e.getMessage(), e);
        }
        if (metadata.formatVersion() != BundleMetadata.FORMAT_VERSION) {
            throw new BundleException("bundle " + zip + " has format version " + metadata.formatVersion()
                    + "; this AutoOps reads version " + BundleMetadata.FORMAT_VERSION);
        }
        Map<String, byte[]> model = new TreeMap<>();
        for (Map.Entry<String, byte[]> f : files.entrySet()) {
            if (!f.getKey().startsWith(MODEL_DIR)) {
                throw new BundleException("bundle " + zip + ": unexpected entry '" + f.getKey() + "'");
            }
            model.put(f.getKey().substring(MODEL_DIR.length()), f.getValue());
        }
        return new PolicyBundle(zip, metadata, model);
    }

    private static byte[] readBounded(ZipInputStream z, String name, Path zip) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        byte[] buf = new byte[8192];
        long n = 0;
        int r;
        while ((r = z.read(buf)) > 0) {
            n += r;
            if (n > MAX_ENTRY_BYTES) {
                throw new BundleException("bundle " + zip + ": entry '" + name + "' is larger than "
                        + (MAX_ENTRY_BYTES >> 20) + " MiB");
            }
            out.write(buf, 0, r);
        }
        return out.toByteArray();
    }

    private static Map<String, String> parseChecksums(String text, Path zip) {
        Map<String, String> sums = new TreeMap<>();
        String[] lines = text.split("\n");
        for (int i = 0; i < lines.length; i++) {
            String line = lines[i];
            if (line.isBlank()) {
                continue;
            }
            int sep = line.indexOf("  ");
            if (sep != 64 || !line.substring(0, 64).matches("[0-9a-f]{64}")) {
                throw new BundleException("bundle " + zip + ": " + CHECKSUMS + " line " + (i + 1)
                        + " is not '<sha256>  <name>': '" + line + "'");
            }
            sums.put(line.substring(sep + 2), line.substring(0, 64));
        }
        return sums;
    }

    private static void checkName(String name, Path zip) {
        if (name.isEmpty() || name.startsWith("/") || name.contains("\\") || name.contains("..")
                || name.contains(":") || name.chars().anyMatch(c -> c < 0x20)) {
            throw new BundleException("bundle " + zip + ": illegal entry name '" + name + "'");
        }
    }

    static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required by every Java platform", e);
        }
    }
}
