package io.autoops.experiments.nab;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The Numenta Anomaly Benchmark corpus as NAB lays it out: {@code <category>/<file>.csv} with
 * {@code timestamp,value} rows, labelled windows in {@code labels/combined_windows.json}, scoring
 * profiles in {@code config/profiles.json}.
 */
public record NabCorpus(Path root, List<Series> series, Map<String, Profile> profiles) {

    /**
     * One data file.
     *
     * @param key        {@code category/file.csv}
     * @param timestamps the rows' timestamps as written
     * @param epochMillis the same, parsed
     * @param values     the values
     * @param windows    labelled windows as inclusive row ranges {@code [first, last]}
     */
    public record Series(String key, List<String> timestamps, long[] epochMillis, double[] values, List<int[]> windows) {

        public String category() {
            return key.substring(0, key.indexOf('/'));
        }

        public String fileName() {
            return key.substring(key.indexOf('/') + 1);
        }

        /** Rows at the start whose detections are not scored: 15 % of the file, at most 750. */
        public int probationaryRows() {
            return (int) Math.min(Math.floor(0.15 * values.length), 750);
        }

        /** Whether row {@code i} lies in a labelled window. */
        public boolean inWindow(int i) {
            for (int[] w : windows) {
                if (i >= w[0] && i <= w[1]) {
                    return true;
                }
            }
            return false;
        }
    }

    /** A NAB cost matrix. */
    public record Profile(String name, double tpWeight, double fpWeight, double fnWeight) {
    }

    private static final DateTimeFormatter TS = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss[.SSSSSS]");

    public static NabCorpus load(Path root) {
        try {
            ObjectMapper json = new ObjectMapper();
            Path labels = root.resolve("labels/combined_windows.json");
            Path profilesFile = root.resolve("config/profiles.json");
            if (!Files.isRegularFile(labels) || !Files.isRegularFile(profilesFile)) {
                throw new IllegalArgumentException(root + " is not a NAB corpus: expected labels/combined_windows.json and "
                        + "config/profiles.json");
            }
            JsonNode windows = json.readTree(labels.toFile());
            Map<String, Profile> profiles = new LinkedHashMap<>();
            JsonNode p = json.readTree(profilesFile.toFile());
            for (Iterator<Map.Entry<String, JsonNode>> it = p.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> e = it.next();
                JsonNode cm = e.getValue().get("CostMatrix");
                profiles.put(e.getKey(), new Profile(e.getKey(), cm.get("tpWeight").asDouble(), cm.get("fpWeight").asDouble(),
                        cm.get("fnWeight").asDouble()));
            }
            Map<String, Series> series = new TreeMap<>();
            for (Iterator<Map.Entry<String, JsonNode>> it = windows.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> e = it.next();
                Path csv = root.resolve(e.getKey());
                if (!Files.isRegularFile(csv)) {
                    throw new IllegalArgumentException("labels name " + e.getKey() + " but " + csv + " does not exist");
                }
                series.put(e.getKey(), read(e.getKey(), csv, e.getValue()));
            }
            return new NabCorpus(root, List.copyOf(series.values()), profiles);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read NAB corpus " + root + ": " + e.getMessage(), e);
        }
    }

    private static Series read(String key, Path csv, JsonNode windowList) throws IOException {
        List<String> lines = Files.readAllLines(csv);
        if (lines.isEmpty() || !lines.get(0).strip().equals("timestamp,value")) {
            throw new IllegalArgumentException(csv + ":1: expected the header 'timestamp,value'");
        }
        int n = lines.size() - 1;
        List<String> ts = new ArrayList<>(n);
        long[] millis = new long[n];
        double[] values = new double[n];
        for (int i = 0; i < n; i++) {
            String line = lines.get(i + 1);
            int comma = line.indexOf(',');
            try {
                ts.add(line.substring(0, comma));
                millis[i] = parse(line.substring(0, comma));
                values[i] = Double.parseDouble(line.substring(comma + 1).strip());
            } catch (RuntimeException ex) {
                throw new IllegalArgumentException(csv + ":" + (i + 2) + ": cannot read '" + line + "': " + ex.getMessage(), ex);
            }
        }
        List<int[]> windows = new ArrayList<>();
        for (JsonNode w : windowList) {
            long a = parse(w.get(0).asText());
            long b = parse(w.get(1).asText());
            int first = -1;
            int last = -1;
            for (int i = 0; i < n; i++) {
                if (millis[i] >= a && millis[i] <= b) {
                    if (first < 0) {
                        first = i;
                    }
                    last = i;
                }
            }
            if (first >= 0) {
                windows.add(new int[] {first, last});
            }
        }
        return new Series(key, ts, millis, values, windows);
    }

    static long parse(String s) {
        return LocalDateTime.parse(s.strip(), TS).toInstant(ZoneOffset.UTC).toEpochMilli();
    }

    public int windowCount() {
        return series.stream().mapToInt(s -> s.windows().size()).sum();
    }
}
