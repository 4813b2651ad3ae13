package io.autoops.core.healing;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The append-only audit log: one JSON object per line ({@link AuditRecord}), each written and forced
 * to disk before {@link #append} returns, so the record of an action exists before the action runs.
 *
 * <p>Opening an existing log reads it whole: a torn last line (the process was killed mid-write) is
 * moved to {@code <log>.torn} rather than dropped, any other unreadable line is an error naming the
 * line, and actions whose {@code intent} has no {@code outcome} are reported by
 * {@link #interrupted()} so the healer neither repeats them nor forgets them. Thread-safe.
 */
public final class AuditLog implements AutoCloseable {

    private static final ObjectMapper JSON = new ObjectMapper()
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

    private final Path file;
    private final FileChannel channel;
    private final List<AuditRecord> interrupted;
    private long seq;
    private long appended;

    private AuditLog(Path file, FileChannel channel, long seq, List<AuditRecord> interrupted) {
        this.file = file;
        this.channel = channel;
        this.seq = seq;
        this.interrupted = List.copyOf(interrupted);
    }

    /** Opens (creating if needed) the log at {@code file}, recovering from a crash as described above. */
    public static AuditLog open(Path file) {
        try {
            Path parent = file.toAbsolutePath().getParent();
            Files.createDirectories(parent);
            long lastSeq = 0;
            Map<String, AuditRecord> open = new LinkedHashMap<>();
            if (Files.exists(file)) {
                byte[] bytes = Files.readAllBytes(file);
                int end = bytes.length;
                while (end > 0 && bytes[end - 1] != '\n') {
                    end--;
                }
                if (end < bytes.length) {
                    Files.write(file.resolveSibling(file.getFileName() + ".torn"),
                            java.util.Arrays.copyOfRange(bytes, end, bytes.length),
                            StandardOpenOption.CREATE, StandardOpenOption.APPEND);
                    try (FileChannel c = FileChannel.open(file, StandardOpenOption.WRITE)) {
                        c.truncate(end);
                        c.force(true);
                    }
                }
                String[] lines = new String(bytes, 0, end, StandardCharsets.UTF_8).split("\n");
                for (int i = 0; i < lines.length; i++) {
                    if (lines[i].isBlank()) {
                        continue;
                    }
                    AuditRecord r;
                    try {
                        r = JSON.readValue(lines[i], AuditRecord.class);
                    } catch (JsonProcessingException e) {
                        throw new IllegalStateException("audit log " + file + " line " + (i + 1) + " is not an audit record: "
                                + e.getOriginalMessage() + "; refusing to append to a damaged log", e);
                    }
                    lastSeq = Math.max(lastSeq, r.seq());
                    if (r.decision() != null) {
                        switch (r.type()) {
                            case "intent" -> open.put(r.decision(), r);
                            case "outcome", "interrupted" -> open.remove(r.decision());
                            default -> { }
                        }
                    }
                }
            }
            FileChannel ch = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE, StandardOpenOption.APPEND);
            return new AuditLog(file, ch, lastSeq, new ArrayList<>(open.values()));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot open audit log " + file + ": " + e.getMessage(), e);
        }
    }

    public Path file() {
        return file;
    }

    /** Intents found without an outcome when the log was opened: actions a killed process may have half done. */
    public List<AuditRecord> interrupted() {
        return interrupted;
    }

    /** Stamps the record with the next sequence number and {@code atMillis}, writes it and forces it to disk. */
    public synchronized AuditRecord append(AuditRecord record, long atMillis) {
        AuditRecord stamped = record.stamped(seq + 1, Instant.ofEpochMilli(atMillis).toString());
        try {
            byte[] line = (JSON.writeValueAsString(stamped) + "\n").getBytes(StandardCharsets.UTF_8);
            ByteBuffer buf = ByteBuffer.wrap(line);
            while (buf.hasRemaining()) {
                channel.write(buf);
            }
            channel.force(false);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write audit log " + file + ": " + e.getMessage(), e);
        }
        seq++;
        appended++;
        return stamped;
    }

    /** Records appended by this process. */
    public synchronized long appended() {
        return appended;
    }

    /** Reads every record of a log (for tests, the control API and reports). */
    public static List<AuditRecord> readAll(Path file) {
        try {
            List<AuditRecord> out = new ArrayList<>();
            List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
            for (int n = 0; n < lines.size(); n++) {
                if (lines.get(n).isBlank()) {
                    continue;
                }
                try {
                    out.add(JSON.readValue(lines.get(n), AuditRecord.class));
                } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
                    throw new UncheckedIOException("audit log " + file + " line " + (n + 1) + " is not an audit record: "
                            + e.getOriginalMessage(), e);
                }
            }
            return out;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read audit log " + file + ": " + e.getMessage(), e);
        }
    }

    @Override
    public synchronized void close() {
        try {
            channel.close();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
