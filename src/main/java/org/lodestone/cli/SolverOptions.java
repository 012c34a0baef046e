package org.lodestone.cli;


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

    /** Whether the time limit is positive and the gap not negative. */
    boolean valid() {
        return timeLimit > 0 && gap >= 0;
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
