package org.lodestone.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import org.lodestone.analysis.Marginals;
import org.lodestone.domain.Instance;
import org.lodestone.io.InstanceReader;
import org.lodestone.io.PlanJson;
import org.lodestone.plan.MarginalValues;
import org.lodestone.plan.Plan;
import org.lodestone.plan.Planner;
import org.lodestone.report.HtmlReport;
import org.lodestone.report.TextSummary;
import org.lodestone.solve.SolveControl;
import org.lodestone.solve.SolveOptions;
import org.lodestone.solve.SolveResult;

import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "solve", mixinStandardHelpOptions = true,
        description = "Solve an instance: print a summary and, with -o, write the plan file.")
final class SolveCommand implements Callable<Integer> {
    /** How long a Ctrl-C waits for the solver to stop and the plan to be written. */
    private static final long SHUTDOWN_GRACE_SECONDS = 30;

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
        if (!solving.valid() || threads < 1 || seed < 0) {
            throw new CommandLine.ParameterException(spec.commandLine(),
                    "--time-limit must be > 0, --gap >= 0, --threads >= 1 and --seed >= 0");
        }
        Instance instance = InstanceReader.read(instanceFile, overrides);
        SolveOptions options = new SolveOptions(solving.backend, solving.timeLimit, solving.gap, threads, seed);
        SolveControl control = new SolveControl();
        CountDownLatch finished = new CountDownLatch(1);
        // Ctrl-C (or SIGTERM) starts JVM shutdown: stop the solver, then hold the shutdown
        // until the best plan so far is written; the process then exits with 130.
        PrintWriter err = spec.commandLine().getErr();
        Thread onSignal = new Thread(() -> {
            if (!control.interrupt()) {
                err.println("lodestone: interrupted; " + solving.backend.displayName()
                        + " cannot be stopped mid-solve, so no plan is written"
                        + (output != null ? " (" + output + " is left as it was)" : ""));
                err.flush();
                return;
            }
            try {
                finished.await(SHUTDOWN_GRACE_SECONDS, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, "lodestone-interrupt");
        Runtime.getRuntime().addShutdownHook(onSignal);
        try {
            return solve(instance, options, control);
        } finally {
            finished.countDown();
            try {
                Runtime.getRuntime().removeShutdownHook(onSignal);
            } catch (IllegalStateException shuttingDown) {
                // the hook is running: nothing to remove
            }
        }
    }

    private int solve(Instance instance, SolveOptions options, SolveControl control) throws IOException {
        PrintWriter err = spec.commandLine().getErr();
        Planner.Outcome outcome;
        LiveProgress live = LiveProgress.forTerminal(err, quiet);
        if (live != null) {
            control.onProgress(live.solverProgress());
            live.begin();
        }
        try {
            outcome = new Planner(root.solver()).solve(new Planner.Job(instance, options).withTimings(!noTimings)
                    .controlledBy(control));
        } finally {
            if (live != null) {
                live.close();
            }
        }
        Plan plan = outcome.plan();
        MarginalValues marginals = null;
        if (!noMarginals && plan.status().hasSolution() && !control.interrupted()) {
            try {
                marginals = Marginals.of(outcome, root.solver(), options.timeLimitSeconds());
            } catch (RuntimeException e) { // the plan stands without its prices
                err.println("lodestone: marginal values left out: " + (e.getMessage() != null ? e.getMessage() : e));
            }
        }
        if (output != null && plan.status().hasSolution()) {
            PlanJson.write(plan, output, marginals);
        }
        if (report != null && plan.status().hasSolution()) {
            new HtmlReport("Lodestone plan: " + instance.name()).addPlan(instance, plan).write(report);
        }
        TextSummary.print(spec.commandLine().getOut(), instance, outcome, marginals);
        if (control.interrupted()) {
            err.println("lodestone: interrupted" + (plan.status().hasSolution()
                    ? "; the best plan found so far is " + plan.status()
                    + (output != null ? " and was written to " + output : "")
                    + (report != null ? "; the report was written to " + report : "")
                    : "; no plan had been found yet" + (output != null ? " (" + output + " was not written)" : "")));
            err.flush();
            return ExitCodes.INTERRUPTED;
        }
        if (outcome.result().termination() == SolveResult.Termination.FEASIBLE
                && !outcome.result().message().isEmpty()) {
            err.println("lodestone: " + outcome.result().message());
            err.flush();
        }
        if (!plan.status().hasSolution()) {
            err.println("lodestone: no plan: " + outcome.result().message()
                    + (output != null ? " (" + output + " was not written)" : "")
                    + (report != null ? " (" + report + " was not written)" : ""));
            return ExitCodes.NO_PLAN;
        }
        if (output != null) {
            spec.commandLine().getOut().println("Plan written to " + output);
        }
        if (report != null) {
            spec.commandLine().getOut().println("Report written to " + report);
        }
        return ExitCodes.OK;
    }
}
