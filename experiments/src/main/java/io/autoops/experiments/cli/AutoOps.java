package io.autoops.experiments.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * The {@code autoops} command line. Each subcommand is one job a user has: benchmark, train,
 * simulate, check an environment, heal. The {@code ./autoops} launcher builds the jars and runs this.
 */
@Command(name = "autoops",
        mixinStandardHelpOptions = true,
        versionProvider = VersionProvider.class,
        description = "Train, compare and deploy self-healing policies for microservice systems.",
        subcommands = {
                BenchCommand.class,
                TrainCommand.class,
                TestCommand.class,
                NotebooksCommand.class,
                SimulateCommand.class,
                DetectCommand.class,
                RcaCommand.class,
                GameCommand.class,
                CheckEnvCommand.class,
                HealCommand.class,
                ShopCommand.class,
                PerfCommand.class,
                CommandLine.HelpCommand.class
        },
        commandListHeading = "%nCommands:%n",
        footer = {"", "Run 'autoops COMMAND --help' for the options of a command."})
public final class AutoOps implements Runnable {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    public static void main(String[] args) {
        System.exit(commandLine().execute(args));
    }

    /** The configured command line; tests run commands through it. */
    public static CommandLine commandLine() {
        CommandLine cl = new CommandLine(new AutoOps());
        cl.setExecutionExceptionHandler((ex, commandLine, parseResult) -> {
            commandLine.getErr().println("error: " + (ex.getMessage() == null ? ex.toString() : ex.getMessage()));
            if (System.getenv("AUTOOPS_DEBUG") != null) {
                ex.printStackTrace(commandLine.getErr());
            }
            return 1;
        });
        cl.setParameterExceptionHandler((ex, args) -> {
            CommandLine bad = ex.getCommandLine();
            java.io.PrintWriter err = bad.getErr();
            err.println(ex.getMessage());
            CommandLine.UnmatchedArgumentException.printSuggestions(ex, err);
            bad.usage(err);
            return bad.getCommandSpec().exitCodeOnInvalidInput();
        });
        return cl;
    }

    @Override
    public void run() {
        // No command: print usage and fail, as for an unknown command.
        throw new CommandLine.ParameterException(spec.commandLine(), "Missing command");
    }
}
