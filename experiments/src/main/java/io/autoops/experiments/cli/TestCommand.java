package io.autoops.experiments.cli;

import picocli.CommandLine.Command;

import java.util.concurrent.Callable;

/**
 * Listed so that {@code autoops --help} shows every command; the {@code ./autoops} launcher runs it
 * itself, because it must install packages and build before any Java runs.
 */
@Command(name = "test",
        description = "Install what the tests need (Debian packages) and run every test, slow ones included.",
        mixinStandardHelpOptions = true,
        footer = {"", "Handled by the ./autoops launcher: it installs missing Debian packages (as root) or",
                "prints the install command, then runs ./mvnw -B verify with every test tag."})
final class TestCommand implements Callable<Integer> {
    @Override
    public Integer call() {
        System.err.println("error: 'test' is run by the ./autoops launcher script, not by the jar: use ./autoops test");
        return 2;
    }
}
