package org.lodestone.cli;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;

import org.lodestone.domain.Instance;
import org.lodestone.io.InstanceReader;
import org.lodestone.solve.SolveOptions;

import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "solve", mixinStandardHelpOptions = true,
        description = "Solve an instance: print a summary and, with -o, write the plan file.")
final class SolveCommand implements Callable<Integer> {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @CommandLine.ParentCommand
    LodestoneCommand root;

    @Parameters(index = "0", paramLabel = "INSTANCE", description = "Instance file (.json, .yaml or .yml).")
    Path instanceFile;

    @Option(names = {"-o", "--output"}, paramLabel = "PLAN", description = "Write the plan file here.")
    Path output;

    @Mixin
    SolverOptions solving;

    @Option(names = "--threads", paramLabel = "N", defaultValue = "1",
            description = "Solver threads (default ${DEFAULT-VALUE}).")
    int threads;

    @Option(names = "--seed", paramLabel = "N", defaultValue = "0",
            description = "Solver random seed (SCIP, HiGHS; default ${DEFAULT-VALUE}). Same instance, solver, "
                    + "threads and seed give the same plan.")
    int seed;

    @Option(names = "--set", paramLabel = "PATH=VALUE",
            description = "Override one value of the instance; PATH is a JSON Pointer, e.g. /buyers/0/mandate/minShare=0.5.")
    List<String> overrides = new ArrayList<>();

    @Option(names = "--report", paramLabel = "FILE.html",
            description = "Also write a self-contained HTML report of the plan (flows, builds, costs) here.")
    Path report;

    @Option(names = "--no-timings", description = "Leave solve times out of the plan file (for byte-identical plans).")
    boolean noTimings;

    @Option(names = {"-q", "--quiet"}, description = "No progress on stderr. Progress (elapsed time, incumbent, "
            + "bound, gap) shows only at a terminal, once the solve has run for 2 s.")
    boolean quiet;

    @Option(names = "--no-marginals", description = "Skip the marginal values (shadow prices of demand and "
            + "capacity) in the summary and the plan file.")
    boolean noMarginals;

    @Override
    public Integer call() throws Exception {
        solving.check(spec.commandLine(), SolverOptions.rule(threads >= 1, "--threads", ">= 1", threads),
                SolverOptions.rule(seed >= 0, "--seed", ">= 0", seed));
        new OutputFiles().file("-o", output, "plan.json").file("--report", report, "report.html").require();
        solving.warn(spec.commandLine().getErr());
        Instance instance = InstanceReader.read(instanceFile, overrides);
        InstanceWarnings.print(spec.commandLine().getErr(), instance);
        SolveOptions options = new SolveOptions(solving.backend, solving.timeLimit, solving.gap, threads, seed);
        SolveRun run = new SolveRun(root.solver(), spec.commandLine().getOut(), spec.commandLine().getErr(), output,
                report, !noTimings, quiet, !noMarginals);
        return switch (run.run(instance, options)) {
            case PLAN -> ExitCodes.OK;
            case NO_PLAN -> ExitCodes.NO_PLAN;
            case INTERRUPTED -> ExitCodes.INTERRUPTED;
            case NOT_WRITTEN -> ExitCodes.NO_PLAN;
        };
    }
}
