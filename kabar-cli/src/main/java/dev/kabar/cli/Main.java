package dev.kabar.cli;

import dev.kabar.runtime.DjlOffline;
import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The {@code kabar} command: Indonesian news to English. */
@Command(name = "kabar", mixinStandardHelpOptions = true, version = "kabar 0.1.0",
        description = "Translates Indonesian news into English with Hugging Face checkpoints run natively on DJL.",
        subcommands = {TranslateCommand.class, SummarizeCommand.class, BenchCommand.class, DoctorCommand.class, ModelsCommand.class, EvalSummariesCommand.class, DigestCommand.class, RunCommand.class, StatusCommand.class, CommandLine.HelpCommand.class})
public final class Main {

    /** Exit code: everything done. */
    public static final int EXIT_OK = 0;
    /** Exit code: the run failed (a model that cannot be loaded, an unreadable input). */
    public static final int EXIT_FAILED = 1;
    /** Exit code: bad command-line usage or option value. */
    public static final int EXIT_USAGE = 2;
    /** Exit code: partial; some inputs, records or articles were skipped, each reported, and the rest done. */
    public static final int EXIT_PARTIAL = 3;

    private Main() {
    }

    /** Returns a configured command line, for tests and {@link #main}. */
    public static CommandLine commandLine() {
        CommandLine cli = new CommandLine(new Main());
        // Translations are UTF-8 whatever the platform's default charset.
        cli.setOut(new PrintWriter(new OutputStreamWriter(System.out, StandardCharsets.UTF_8), true));
        cli.setErr(new PrintWriter(new OutputStreamWriter(System.err, StandardCharsets.UTF_8), true));
        // A usage error is one line and where to read on, not the whole help (which buried the error).
        cli.setParameterExceptionHandler((ex, args) -> {
            CommandLine cmd = ex.getCommandLine();
            PrintWriter err = cmd.getErr();
            err.println("kabar: " + ex.getMessage());
            CommandLine.UnmatchedArgumentException.printSuggestions(ex, err);
            err.println("Try '" + cmd.getCommandSpec().qualifiedName() + " --help' for its options.");
            err.flush();
            return EXIT_USAGE;
        });
        cli.setExecutionExceptionHandler((ex, cmd, parsed) -> {
            cmd.getErr().println("kabar: " + ex.getMessage());
            return ex instanceof IllegalArgumentException ? EXIT_USAGE : EXIT_FAILED;
        });
        return cli;
    }

    /** Runs the command line and exits with its code. */
    public static void main(String[] args) {
        DjlOffline.ensure();
        System.exit(commandLine().execute(args));
    }
}
