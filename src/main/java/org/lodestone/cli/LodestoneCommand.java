package org.lodestone.cli;

import java.io.PrintWriter;

import org.lodestone.solve.MipSolver;
import org.lodestone.validate.InvalidInputException;
import org.lodestone.validate.Problem;

import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** The root command: one subcommand per job. */
@Command(name = "lodestone", mixinStandardHelpOptions = true, versionProvider = LodestoneCommand.Version.class,
        description = "Optimization-based planner for rare-earth supply chains.",
        subcommands = {SolveCommand.class, ValidateCommand.class, VerifyCommand.class, GenerateCommand.class, CompareCommand.class, SweepCommand.class, ParetoCommand.class, StressCommand.class,
                SampleCommand.class, SaaCommand.class, EvaluateCommand.class,
                CommandLine.HelpCommand.class})
public final class LodestoneCommand implements Runnable {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    private final MipSolver solver;

    LodestoneCommand(MipSolver solver) {
        this.solver = solver;
    }

    /** The solver every subcommand uses (tests hand in a stand-in). */
    MipSolver solver() {
        return solver;
    }

    @Option(names = "--debug", scope = CommandLine.ScopeType.INHERIT,
            description = "Show the stack trace of an unexpected error.")
    boolean debug;

    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(), "Missing command: choose one of "
                + String.join(", ", spec.subcommands().keySet().stream().filter(name -> !name.equals("help")).toList()));
    }

    /** Runs the command line and returns the exit code (no System.exit, so tests can call it). */
    public static int execute(String... args) {
        return commandLine(new PrintWriter(System.out, true), new PrintWriter(System.err, true)).execute(args);
    }

    public static CommandLine commandLine(PrintWriter out, PrintWriter err) {
        return commandLine(out, err, MipSolver.create());
    }

    public static CommandLine commandLine(PrintWriter out, PrintWriter err, MipSolver solver) {
        CommandLine cmd = new CommandLine(new LodestoneCommand(solver));
        cmd.setOut(out);
        cmd.setErr(err);
        cmd.setParameterExceptionHandler(LodestoneCommand::usageError);
        cmd.setExecutionExceptionHandler((ex, commandLine, parseResult) -> {
            PrintWriter e = commandLine.getErr();
            if (ex instanceof InvalidInputException invalid) {
                report(e, invalid);
                e.flush();
                return ExitCodes.BAD_INPUT;
            }
            LodestoneCommand root = commandLine.getCommandSpec().root().userObject() instanceof LodestoneCommand r
                    ? r : null;
            e.println("lodestone: unexpected error: " + ex);
            if (root != null && root.debug) {
                ex.printStackTrace(e);
            } else {
                e.println("(run again with --debug to see where it happened)");
            }
            e.flush();
            return ExitCodes.NO_PLAN;
        });
        return cmd;
    }

    /**
     * A mistake on the command line: the one-line message and where to read more; the whole usage
     * only when no command was named at all (then the list of commands is what helps).
     */
    private static int usageError(CommandLine.ParameterException ex, String[] args) {
        CommandLine commandLine = ex.getCommandLine();
        PrintWriter err = commandLine.getErr();
        err.println(commandLine.getColorScheme().errorText("lodestone: " + ex.getMessage()));
        if (commandLine.getCommandSpec().userObject() instanceof LodestoneCommand) {
            commandLine.usage(err);
        } else {
            err.println("Try '" + commandLine.getCommandSpec().qualifiedName() + " --help' for its options.");
        }
        err.flush();
        return ExitCodes.BAD_INPUT;
    }

    static void report(PrintWriter err, InvalidInputException invalid) {
        int n = invalid.problems().size();
        if (n > 1) {
            err.println(n + " problems:");
        }
        for (Problem problem : invalid.problems()) {
            err.println((n > 1 ? "  " : "") + problem);
        }
    }

    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            String v = LodestoneCommand.class.getPackage().getImplementationVersion();
            return new String[] {"lodestone " + (v == null ? "dev" : v) + " (instances lodestone/1 and /2, plans lodestone-plan/2)"};
        }
    }
}
