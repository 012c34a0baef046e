package org.lodestone.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.lodestone.analysis.Marginals;
import org.lodestone.domain.Instance;
import org.lodestone.io.PlanJson;
import org.lodestone.plan.MarginalValues;
import org.lodestone.plan.Plan;
import org.lodestone.plan.Planner;
import org.lodestone.report.HtmlReport;
import org.lodestone.report.TextSummary;
import org.lodestone.solve.MipSolver;
import org.lodestone.solve.SolveControl;
import org.lodestone.solve.SolveOptions;
import org.lodestone.solve.SolveResult;

/**
 * One run of {@code lodestone solve} once its options are read: the solve through the
 * {@link Planner} with Ctrl-C and progress on the terminal, the marginal values, the plan file,
 * the report, the summary and what went wrong, said on stdout and stderr.
 *
 * @param output where to write the plan file, or null
 * @param report where to write the HTML report, or null
 * @param timings whether the plan file records solve times
 * @param quiet no progress on stderr
 * @param marginals whether to price the plan (marginal values in the summary and the plan file)
 */
record SolveRun(MipSolver solver, PrintWriter out, PrintWriter err, Path output, Path report, boolean timings,
                boolean quiet, boolean marginals) {

    /** How a run ended. */
    enum Ending { PLAN, NO_PLAN, INTERRUPTED, NOT_WRITTEN }

    /** Writing one file, which may fail. */
    private interface Write {
        void run() throws IOException;
    }

    /** The plan's marginal values, or null (said on stderr) when they cannot be had: the plan stands without. */
    private MarginalValues marginalValues(Planner.Outcome outcome, Planner.Job job) {
        try {
            return Marginals.of(outcome, solver, job.options().timeLimitSeconds());
        } catch (RuntimeException e) {
            err.println("lodestone: marginal values left out: " + (e.getMessage() != null ? e.getMessage() : e));
            return null;
        }
    }

    private static void write(Path file, List<String> unwritten, Write write) {
        try {
            write.run();
        } catch (IOException | RuntimeException e) {
            unwritten.add("lodestone: could not write " + file + ": " + (e.getMessage() != null ? e.getMessage() : e));
        }
    }

    /** Solves {@code instance} and writes what was asked for. */
    Ending run(Instance instance, SolveOptions options) throws IOException {
        SolveControl control = new SolveControl();
        LiveProgress live = LiveProgress.forTerminal(err, quiet);
        // a solver that can stop keeps its best plan, which is written before the process ends
        return OnSignal.holdUntilDone(() -> {
            if (control.interrupt()) {
                if (live != null) {
                    live.halt("lodestone: stopping the solver ...");
                }
                return true;
            }
            if (live != null) {
                live.halt(null);
            }
            err.println("lodestone: interrupted; " + options.backend().displayName()
                    + " cannot be stopped mid-solve, so no plan is written"
                    + (output != null ? " (" + output + " is left as it was)" : ""));
            err.flush();
            return false;
        }, () -> {
            err.println("lodestone: the solver did not stop within " + OnSignal.GRACE_SECONDS
                    + " s of the interrupt; no plan is written"
                    + (output != null ? " (" + output + " is left as it was)" : ""));
            err.flush();
        }, () -> solve(instance, new Planner.Job(instance, options).withTimings(timings).controlledBy(control), live));
    }

    private Ending solve(Instance instance, Planner.Job job, LiveProgress live) throws IOException {
        SolveControl control = job.control();
        Planner.Outcome outcome;
        if (live != null) {
            control.onProgress(live.solverProgress());
            live.begin();
        }
        try {
            outcome = new Planner(solver).solve(job);
        } finally {
            if (live != null) {
                live.close();
            }
        }
        Plan plan = outcome.plan();
        MarginalValues values = marginals && plan.status().hasSolution() && !control.interrupted()
                ? marginalValues(outcome, job) : null;
        TextSummary.print(out, instance, outcome, values);
        out.flush();
        // the paths were checked before the solve; should a write still fail, the summary above stands
        List<String> unwritten = new ArrayList<>();
        if (output != null && plan.status().hasSolution()) {
            write(output, unwritten, () -> PlanJson.write(plan, output, values));
        }
        if (report != null && plan.status().hasSolution()) {
            write(report, unwritten, () -> new HtmlReport("Lodestone plan: " + instance.name())
                    .addPlan(instance, plan).write(report));
        }
        if (!unwritten.isEmpty()) {
            unwritten.forEach(err::println);
            err.flush();
            return Ending.NOT_WRITTEN;
        }
        if (control.interrupted()) {
            err.println("lodestone: interrupted" + (plan.status().hasSolution()
                    ? "; the best plan found so far is " + plan.status()
                    + (output != null ? " and was written to " + output : "")
                    + (report != null ? "; the report was written to " + report : "")
                    : "; no plan had been found yet" + (output != null ? " (" + output + " was not written)" : "")));
            err.flush();
            return Ending.INTERRUPTED;
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
            return Ending.NO_PLAN;
        }
        if (output != null) {
            err.println("Plan written to " + output);
        }
        if (report != null) {
            err.println("Report written to " + report);
        }
        err.flush();
        return Ending.PLAN;
    }
}
