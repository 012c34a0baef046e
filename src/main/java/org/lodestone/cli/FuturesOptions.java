package org.lodestone.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import picocli.CommandLine;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import org.lodestone.report.Table;
import org.lodestone.saa.Engines;
import org.lodestone.saa.Saa;
import org.lodestone.saa.SolveSpec;
import org.lodestone.solve.SolveOptions;
import org.lodestone.validate.InvalidInputException;

/** What saa and evaluate share: where the solves run, the seed, the CVaR level, the outputs. */
final class FuturesOptions {
    @Mixin
    SolverOptions solving;

    @Option(names = "--seed", paramLabel = "S", defaultValue = "1",
            description = "Seed of the sampled futures (default ${DEFAULT-VALUE}); the same seed gives the same "
                    + "futures and results on any master.")
    long seed;

    @Option(names = "--master", paramLabel = "URL", defaultValue = Engines.DEFAULT_MASTER,
            description = "Where the solves run: local[*] (default: Spark inside this process, one solve per core), "
                    + "local[N], a cluster (spark://HOST:7077 or any Spark master URL), or threads[N] (no Spark).")
    String master;

    @Option(names = "--alpha", paramLabel = "FRACTION",
            description = "CVaR level: the mean objective of the worst 1-alpha of futures (default: the instance's "
                    + "riskAversion alpha, else 0.9).")
    Double alpha;

    @Option(names = "--format", paramLabel = "FORMAT", defaultValue = "text",
            converter = AnalysisOptions.FormatConverter.class,
            description = "text (default), markdown, json (everything) or csv (one row per future).")
    Table.Format format;

    @Option(names = "--report", paramLabel = "FILE.html",
            description = "Also write a self-contained HTML report (cost histogram, shortfall risks) here.")
    Path report;

    @Option(names = "--out", paramLabel = "DIR",
            description = "Also write one row per future evaluated as a Parquet table in this folder (Spark only), "
                    + "for Spark, DuckDB or pandas.")
    Path out;

    @Option(names = "--set", paramLabel = "PATH=VALUE", description = "Override one value of the instance "
            + "(a JSON Pointer, e.g. /disruptions/0/annualProbability=0.2).")
    List<String> overrides = new ArrayList<>();

    @Option(names = {"-q", "--quiet"}, description = "No progress on stderr (shown only at a terminal anyway).")
    boolean quiet;

    /** Checks numbers and output paths before anything is read or solved. */
    void check(CommandLine commandLine, String... more) throws InvalidInputException {
        List<String> rules = new ArrayList<>(List.of(more));
        rules.add(SolverOptions.rule(alpha == null || (alpha >= 0 && alpha < 1), "--alpha", "in [0, 1)", alpha));
        solving.check(commandLine, rules.toArray(String[]::new));
        new OutputFiles().file("--report", report, "report.html").folder("--out", out).require();
        solving.warn(commandLine.getErr());
    }

    SolveSpec spec() {
        return SolveSpec.of(new SolveOptions(solving.backend, solving.timeLimit, solving.gap, 1, 0));
    }

    /** "evaluations 120/1,000 · 35 s · about 4 min left" on stderr, only at a terminal and not --quiet. */
    Saa.Progress progress(PrintWriter err) {
        if (quiet || System.console() == null) {
            return Saa.Progress.NONE;
        }
        long started = System.nanoTime();
        return new Saa.Progress() {
            private long shown;

            @Override
            public synchronized void update(String stage, int finished, int total) {
                long now = System.nanoTime();
                if (finished < total && now - shown < 500_000_000L) {
                    return;
                }
                shown = now;
                double elapsed = (now - started) / 1e9;
                String left = finished > 0 && finished < total
                        ? String.format(Locale.ROOT, " · about %s left", duration(elapsed / finished * (total - finished)))
                        : "";
                err.printf(Locale.ROOT, "\r%s %,d/%,d · %s%s\u001b[K", stage, finished, total, duration(elapsed), left);
                if (finished == total) {
                    err.println();
                }
                err.flush();
            }
        };
    }

    static String duration(double seconds) {
        if (seconds < 90) {
            return String.format(Locale.ROOT, "%.0f s", seconds);
        }
        if (seconds < 5400) {
            return String.format(Locale.ROOT, "%.0f min", seconds / 60);
        }
        return String.format(Locale.ROOT, "%.1f h", seconds / 3600);
    }
}
