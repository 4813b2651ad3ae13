package io.autoops.experiments.cli;

import picocli.CommandLine.Command;

import java.util.concurrent.Callable;

/**
 * Listed so that {@code autoops --help} shows every command; the {@code ./autoops} launcher runs it
 * itself, because it installs Jupyter's Debian packages and the kernel spec before anything runs.
 */
@Command(name = "notebooks",
        description = "Open the Java notebooks in Jupyter (installs Jupyter and the AutoOps kernel spec); "
                + "--run [NOTEBOOK...] executes them in place, refreshing their outputs.",
        mixinStandardHelpOptions = true,
        footer = {"", "Handled by the ./autoops launcher: it installs missing Debian packages (as root) or prints",
                "the install command, builds, runs notebooks/install-kernel, then starts Jupyter on 127.0.0.1."})
final class NotebooksCommand implements Callable<Integer> {
    @Override
    public Integer call() {
        System.err.println("error: 'notebooks' is run by the ./autoops launcher script, not by the jar: use ./autoops notebooks");
        return 2;
    }
}
