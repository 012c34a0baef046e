package org.lodestone.cli;



import java.util.concurrent.Callable;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Locale;

import org.lodestone.analysis.Progress;
import org.lodestone.analysis.Settings;
import org.lodestone.report.HtmlReport;
import org.lodestone.report.Table;
import org.lodestone.solve.MipSolver;
import org.lodestone.solve.SolveOptions;
import org.lodestone.validate.InvalidInputException;

import picocli.CommandLine;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** The options that compare, sweep and pareto share. */
final class AnalysisOptions {

    @Mixin
    SolverOptions solving;

    @Option(names = "--threads", paramLabel = "N", defaultValue = "1",
            description = "Solves run at once, one solver thread each (default ${DEFAULT-VALUE}). The same "
                    + "options give the same results.")
    int threads;

    @Option(names = "--format", paramLabel = "FORMAT", defaultValue = "text", converter = FormatConverter.class,
            description = "text (default), csv, json or markdown.")
    Table.Format format;

    @Option(names = {"-q", "--quiet"}, description = "No progress on stderr (shown only at a terminal anyway).")
    boolean quiet;

    @Option(names = "--report", paramLabel = "FILE.html",
            description = "Also write a self-contained HTML report (charts and tables) here; only when at least "
                    + "one solve found a plan.")
    Path report;

    /** Whether the output on stdout is for people (text, markdown) rather than for scripts (csv, json). */
    static boolean human(Table.Format format) {
        return format == Table.Format.TEXT || format == Table.Format.MARKDOWN;
    }

    /**
     * Writes {@code report} to {@code file} atomically (never a partial file) and says so on
     * stderr, where every "written to" line goes: stdout holds only the result.
     */
    static void writeReport(CommandLine commandLine, HtmlReport report, Path file) throws InvalidInputException {
        try {
            report.write(file);
        } catch (IOException e) {
            throw new InvalidInputException("", "cannot write the report " + file + ": " + e.getMessage());
        }
        PrintWriter w = commandLine.getErr();
        w.println("Report written to " + file);
        w.flush();
    }

    /** Says on stderr that the report was not written, since no solve found a plan. */
    static void noReport(CommandLine commandLine, Path file) {
        PrintWriter err = commandLine.getErr();
        err.println("lodestone: no solve found a plan; the report " + file + " was not written");
        err.flush();
    }

    /**
     * Checks the numbers and the report's path (before any instance is read or solved) and makes
     * the settings of the analysis.
     */
    Settings settings(CommandLine commandLine, MipSolver solver) throws InvalidInputException {
        solving.check(commandLine, SolverOptions.rule(threads >= 1, "--threads", ">= 1", threads));
        new OutputFiles().file("--report", report, "report.html").require();
        solving.warn(commandLine.getErr());
        SolveOptions options = new SolveOptions(solving.backend, solving.timeLimit, solving.gap, 1);
        return new Settings(solver, options, threads, progress(commandLine.getErr()));
    }

    /**
     * Runs an analysis so that Ctrl-C (or SIGTERM) stops its solves but not its output: the
     * solves under way are interrupted, the ones not started are not solved, and the command
     * prints and writes what finished (the rest marked "not solved") before the process ends, with
     * exit code 130.
     */
    int interruptible(CommandLine commandLine, Settings settings, Callable<Integer> analysis) throws Exception {
        int exit = OnSignal.holdUntilDone(() -> {
            settings.stop().request();
            if (settings.progress() instanceof LiveProgress live) {
                live.halt("lodestone: stopping the solvers ...");
            }
            return true;
        }, () -> {
            PrintWriter err = commandLine.getErr();
            err.println("lodestone: the solver did not stop within " + OnSignal.GRACE_SECONDS
                    + " s of the interrupt; nothing is shown");
            err.flush();
        }, analysis::call);
        if (!settings.stop().requested()) {
            return exit;
        }
        PrintWriter err = commandLine.getErr();
        err.println("lodestone: interrupted; the results above are INCOMPLETE: solves that had not started "
                + "show status NO_SOLUTION, a solve under way its best plan before the stop (FEASIBLE)");
        err.flush();
        return ExitCodes.INTERRUPTED;
    }

    /** "solve i of n: …" lines and a live status line on stderr, only when a person is watching and not --quiet. */
    private Progress progress(PrintWriter err) {
        LiveProgress live = LiveProgress.forTerminal(err, quiet);
        return live != null ? live : Progress.NONE;
    }

    static final class FormatConverter implements CommandLine.ITypeConverter<Table.Format> {
        @Override
        public Table.Format convert(String value) {
            String v = value.toLowerCase(Locale.ROOT);
            return switch (v) {
                case "text" -> Table.Format.TEXT;
                case "csv" -> Table.Format.CSV;
                case "json" -> Table.Format.JSON;
                case "markdown", "md" -> Table.Format.MARKDOWN;
                default -> throw new CommandLine.TypeConversionException(
                        "unknown format '" + value + "' (choose text, csv, json or markdown)");
            };
        }
    }
}
