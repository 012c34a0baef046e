package org.lodestone.cli;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;


import org.lodestone.solve.Backend;

import picocli.CommandLine;
import picocli.CommandLine.Option;

/** --solver, --time-limit and --gap, as every command that solves takes them (a picocli mixin). */
final class SolverOptions {
    @Option(names = "--solver", paramLabel = "NAME", defaultValue = "auto",
            description = "auto (default: HiGHS from 200,000 nonzeros; below, SCIP and HiGHS side by side on 4 or "
                    + "more cores, else by size), scip, highs (HiGHS through its C API), highs-ortools (HiGHS "
                    + "through OR-Tools) or cbc.",
            converter = BackendConverter.class)
    Backend backend;

    @Option(names = "--time-limit", paramLabel = "SECONDS", defaultValue = "60",
            description = "Wall-clock limit of each solve (default ${DEFAULT-VALUE} s).")
    double timeLimit;

    @Option(names = "--gap", paramLabel = "FRACTION", defaultValue = "1e-4",
            description = "Relative optimality gap at which a solve stops (default ${DEFAULT-VALUE}).")
    double gap;

    /**
     * Throws, naming only the rules broken, when the time limit is not positive or the gap is
     * negative; {@code more} adds the command's own rules (name → broken).
     */
    void check(CommandLine commandLine, String... more) {
        List<String> broken = new ArrayList<>();
        if (!(timeLimit > 0)) {
            broken.add("--time-limit must be > 0 seconds (got " + plain(timeLimit) + ")");
        }
        if (!(gap >= 0)) {
            broken.add("--gap must be >= 0 (got " + plain(gap) + ")");
        }
        broken.addAll(Arrays.asList(more));
        broken.removeIf(String::isEmpty);
        if (!broken.isEmpty()) {
            throw new CommandLine.ParameterException(commandLine, String.join("; ", broken));
        }
    }

    /** A rule for {@link #check}: the message when {@code ok} is false, else nothing. */
    static String rule(boolean ok, String option, String condition, Object value) {
        return ok ? "" : option + " must be " + condition + " (got " + value + ")";
    }

    /** Says on stderr when a valid setting is probably a slip: a gap above one half. */
    void warn(PrintWriter err) {
        if (gap > 0.5) {
            err.println("lodestone: warning: --gap " + plain(gap) + " lets a solve stop with a plan up to "
                    + plain(100 * gap) + " % above the best possible; a gap is a fraction (1e-4 = 0.01 %)");
            err.flush();
        }
    }

    static String plain(double v) {
        return v == Math.rint(v) && Math.abs(v) < 1e15 ? Long.toString((long) v) : Double.toString(v);
    }

    static final class BackendConverter implements CommandLine.ITypeConverter<Backend> {
        @Override
        public Backend convert(String value) {
            try {
                return Backend.parse(value);
            } catch (IllegalArgumentException e) {
                throw new CommandLine.TypeConversionException(
                        "unknown solver '" + value + "' (choose auto, scip, highs, highs-ortools or cbc)");
            }
        }
    }
}
