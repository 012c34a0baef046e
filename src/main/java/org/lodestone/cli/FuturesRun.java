package org.lodestone.cli;

import java.io.PrintWriter;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import picocli.CommandLine;

import org.lodestone.io.InstanceReader;
import org.lodestone.report.Table;
import org.lodestone.saa.Cancel;
import org.lodestone.saa.Engine;
import org.lodestone.saa.Engines;
import org.lodestone.saa.Futures;
import org.lodestone.validate.InvalidInputException;

/** The frame of saa and evaluate: read the futures, open the engine, run with Ctrl-C kept, write the table. */
final class FuturesRun {
    /** Memory one solve of a task needs, in MiB, for engines that size executors. */
    static final int TASK_MEMORY_MIB = 1500;

    /** The work of a command once its engine is open; returns the exit code. */
    @FunctionalInterface
    interface Work {
        int run(Futures futures, double alpha, Engine engine, Cancel cancel) throws Exception;
    }

    private FuturesRun() {}

    static int run(CommandLine commandLine, FuturesOptions options, java.nio.file.Path instanceFile, Work work)
            throws Exception {
        JsonNode tree = InstanceReader.readTree(instanceFile, options.overrides);
        Futures futures;
        try {
            futures = Futures.of(tree);
        } catch (IllegalArgumentException e) {
            throw new InvalidInputException("disruptions", e.getMessage());
        }
        double alpha = options.alpha != null ? options.alpha
                : futures.instance().riskAversion().map(r -> r.alpha()).orElse(0.9);
        PrintWriter err = commandLine.getErr();
        Engine engine;
        try {
            engine = Engines.open(options.master, TASK_MEMORY_MIB);
        } catch (Engines.Unavailable e) {
            err.println("lodestone: " + e.getMessage());
            err.flush();
            return ExitCodes.BAD_INPUT;
        }
        Cancel cancel = new Cancel();
        int exit;
        try (engine) {
            exit = OnSignal.holdUntilDone(() -> {
                cancel.request();
                return true;
            }, () -> work.run(futures, alpha, engine, cancel));
        }
        if (cancel.requested()) {
            err.println("lodestone: interrupted; the results above are INCOMPLETE: they cover the futures judged "
                    + "before the stop");
            err.flush();
            return ExitCodes.INTERRUPTED;
        }
        return exit;
    }

    /** Writes the one-row-per-future table as Parquet when --out was given. */
    static void parquet(CommandLine commandLine, FuturesOptions options, Engine engine, Table table)
            throws InvalidInputException {
        if (options.out == null) {
            return;
        }
        List<String> columns = table.columns().stream().map(c -> c.replace(' ', '_')).toList();
        try {
            engine.writeParquet(options.out, columns, table.rows());
        } catch (UnsupportedOperationException e) {
            throw new InvalidInputException("", "--out " + options.out + ": " + e.getMessage());
        }
        commandLine.getErr().println("Parquet table written to " + options.out);
        commandLine.getErr().flush();
    }
}
