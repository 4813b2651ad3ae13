package io.autoops.core.check;

import java.util.List;

/**
 * What {@link EnvironmentChecker} found.
 *
 * @param subject  what was checked (a class or scenario name)
 * @param passed   names of the checks that passed
 * @param failures one line per failed check: the check's name and what went wrong
 * @param notes    checks that could not be exercised (e.g. no action was ever masked)
 */
public record CheckReport(String subject, List<String> passed, List<String> failures, List<String> notes) {
    public CheckReport {
        passed = List.copyOf(passed);
        failures = List.copyOf(failures);
        notes = List.copyOf(notes);
    }

    public boolean ok() {
        return failures.isEmpty();
    }

    /** A multi-line summary for terminals and test failure messages. */
    public String describe() {
        StringBuilder sb = new StringBuilder();
        sb.append(subject).append(": ").append(ok() ? "OK" : failures.size() + " check(s) failed").append('\n');
        passed.forEach(p -> sb.append("  pass  ").append(p).append('\n'));
        failures.forEach(f -> sb.append("  FAIL  ").append(f).append('\n'));
        notes.forEach(n -> sb.append("  note  ").append(n).append('\n'));
        return sb.toString();
    }
}
