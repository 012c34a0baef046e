package org.lodestone.solve;

import java.nio.file.Path;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

import com.google.ortools.Loader;
import com.google.ortools.init.OrToolsVersion;
import com.google.ortools.linearsolver.MPSolutionResponse;
import com.google.ortools.linearsolver.MPSolver;
import com.google.ortools.linearsolver.MPSolverParameters;

import com.sun.jna.Pointer;

import org.lodestone.model.MipModel;

/**
 * SCIP, HiGHS and CBC through OR-Tools' linear solver. The model crosses into native code in
 * one piece, as an {@code MPModelProto}, instead of one JNI call per coefficient, and the
 * solution comes back the same way.
 */
final class OrToolsSolver implements MipSolver {
    private static final Map<Backend, Boolean> AVAILABLE = new EnumMap<>(Backend.class);
    private static boolean loaded;

    static synchronized void loadNativeLibraries() {
        if (!loaded) {
            Path folder = NativeFiles.ortools();
            if (folder == null) {
                Loader.loadNativeLibraries();
            } else if (!NativeFiles.mapped("libjniortools")) { // not loaded by OR-Tools' loader already
                System.load(folder.resolve("libjniortools.so").toString());
            }
            loaded = true;
        }
    }

    /** Whether OR-Tools can create the backend's solver here (asked once per backend). */
    static synchronized boolean isAvailable(Backend backend) {
        if (!backend.viaOrTools()) {
            return false;
        }
        loadNativeLibraries();
        return AVAILABLE.computeIfAbsent(backend, b -> {
            MPSolver probe = MPSolver.createSolver(b.ortoolsId());
            if (probe != null) {
                probe.delete();
            }
            return probe != null;
        });
    }

    @Override
    public SolveResult solve(MipModel model, SolveOptions options, SolveControl control) {
        loadNativeLibraries();
        Backend backend = options.backend();
        MPSolver solver = MPSolver.createSolver(backend.ortoolsId());
        if (solver == null) {
            return withoutPlan(SolveResult.Termination.ERROR, 0, backend, "", 0,
                    "the " + backend.displayName() + " solver is not available on this machine");
        }
        NativeStdout capture = null;
        try {
            // OR-Tools 9.15's HiGHS wrapper crashes the JVM on a solution hint: only SCIP and CBC get one
            String error = solver.loadModelFromProto(ModelProto.of(model, true, backend != Backend.HIGHS_ORTOOLS, true));
            if (!error.isEmpty()) {
                return withoutPlan(SolveResult.Termination.ERROR, 0, backend, "", 0,
                        "the solver rejected the model: " + error);
            }
            capture = control.progressListener() == null ? null : capture(backend, control.progressListener());
            if (capture != null) {
                solver.enableOutput();
            } else {
                solver.suppressOutput();
            }
            if (backend == Backend.HIGHS_ORTOOLS) {
                String log = capture != null ? "true" : "false";
                solver.setSolverSpecificParametersAsString("log_to_console = " + log + "\noutput_flag = " + log + "\n"
                        + "random_seed = " + options.seed() + "\n"
                        // OR-Tools' HiGHS wrapper ignores RELATIVE_MIP_GAP: HiGHS would stop at its own 1e-4
                        + "mip_rel_gap = " + options.relativeGap() + "\n");
            } else if (backend == Backend.SCIP) {
                // Ctrl-C belongs to Lodestone, which stops SCIP itself and keeps its incumbent
                solver.setSolverSpecificParametersAsString("misc/catchctrlc = FALSE\n"
                        + "randomization/randomseedshift = " + options.seed() + "\n"
                        + (model.strongDualReductionsForbidden() ? "misc/allowstrongdualreds = FALSE\n" : ""));
            }
            solver.setTimeLimit(Math.max(1, Math.round(options.timeLimitSeconds() * 1000)));
            int threads = Math.max(1, options.threads());
            // OR-Tools' CBC is built without threads: asking prints noise and changes nothing
            boolean threadsTaken = backend != Backend.CBC && solver.setNumThreads(threads);
            MPSolverParameters params = new MPSolverParameters();
            params.setDoubleParam(MPSolverParameters.DoubleParam.RELATIVE_MIP_GAP, options.relativeGap());
            long started = System.nanoTime();
            MPSolver.ResultStatus status;
            if (control.interrupted()) {
                return withoutPlan(SolveResult.Termination.NO_SOLUTION, 0, backend,
                        version(backend, solver.solverVersion()), 1, "interrupted before the solve started");
            }
            // SCIP stops between its steps on interruptSolve, and inside an LP only on SCIPinterruptLP
            Pointer scip = backend == Backend.SCIP ? ScipInterrupt.scipOf(solver) : null;
            control.onInterrupt(() -> {
                boolean stopped = solver.interruptSolve();
                ScipInterrupt.interruptLp(scip);
                return stopped;
            });
            try {
                status = solver.solve(params);
                if (capture != null) {
                    capture.close(); // every line of the log read before the result is looked at
                }
            } catch (IllegalArgumentException unknownStatus) {
                // The Java enum lacks MPSOLVER_UNKNOWN_STATUS (99), which OR-Tools' HiGHS wrapper
                // answers when its time limit expires; it hands back no incumbent then.
                double seconds = (System.nanoTime() - started) / 1e9;
                return withoutPlan(SolveResult.Termination.NO_SOLUTION, seconds, backend,
                        version(backend, solver.solverVersion()), 1,
                        "HiGHS stopped at the time limit without handing back a solution; "
                                + "try a longer --time-limit or --solver scip");
            }
            double seconds = (System.nanoTime() - started) / 1e9;
            String version = version(backend, solver.solverVersion());
            int usedThreads = threadsTaken ? threads : 1;
            return switch (status) {
                case OPTIMAL, FEASIBLE -> {
                    MPSolutionResponse response = solver.createSolutionResponseProto();
                    List<Double> list = response.getVariableValueList();
                    double[] values = new double[list.size()];
                    for (int j = 0; j < values.length; j++) {
                        values[j] = list.get(j);
                    }
                    double objective = solver.objective().value() / ModelProto.OBJECTIVE_SCALE;
                    Double bound = bound(solver.objective().bestBound() / ModelProto.OBJECTIVE_SCALE, objective,
                            status);
                    SolveResult.Termination termination = status == MPSolver.ResultStatus.OPTIMAL
                            ? SolveResult.Termination.OPTIMAL : SolveResult.Termination.FEASIBLE;
                    yield new SolveResult(termination, values, objective, bound, seconds, solverName(backend),
                            version, usedThreads, hint(backend, termination, objective, bound));
                }
                // CBC answers INFEASIBLE when its time limit stops it before any solution (every valid
                // instance has a plan, instance-reference.md §9): that is a run out of time, not an infeasible model
                case INFEASIBLE -> seconds >= 0.9 * options.timeLimitSeconds()
                        ? withoutPlan(SolveResult.Termination.NO_SOLUTION, seconds, backend, version, usedThreads,
                                backend.displayName() + " stopped at the time limit without a solution; try a longer "
                                        + "--time-limit" + (backend == Backend.SCIP ? "" : " or --solver scip"))
                        : withoutPlan(SolveResult.Termination.INFEASIBLE, seconds, backend, version, usedThreads,
                                "the solver reports the model infeasible");
                case NOT_SOLVED -> withoutPlan(SolveResult.Termination.NO_SOLUTION, seconds, backend, version,
                        usedThreads, "no solution found within the time limit; try a longer --time-limit"
                                + (backend == Backend.SCIP ? "" : " or --solver scip"));
                default -> withoutPlan(SolveResult.Termination.ERROR, seconds, backend, version, usedThreads,
                        "the solver stopped abnormally (" + status + ")");
            };
        } finally {
            control.onInterrupt(null);
            if (capture != null) {
                capture.close();
            }
            solver.delete();
        }
    }

    /** Starts reading the solver's log into progress reports for {@code listener}, or null when it cannot. */
    private static NativeStdout capture(Backend backend, Consumer<SolverProgress> listener) {
        SolverLog log = SolverLog.of(backend, ModelProto.OBJECTIVE_SCALE);
        return NativeStdout.start(line -> {
            SolverProgress next = log.accept(line);
            if (next != null) {
                listener.accept(next);
            }
        });
    }

    /** GLOP, OR-Tools' own simplex, gives exact duals of linear programs. */
    @Override
    public LinearResult solveLinear(MipModel model, double timeLimitSeconds) {
        loadNativeLibraries();
        MPSolver solver = MPSolver.createSolver("GLOP");
        try {
            String error = solver.loadModelFromProto(ModelProto.of(model, false, false, true));
            if (!error.isEmpty()) {
                return new LinearResult(false, null, null, Double.NaN, "the LP solver rejected the model: " + error);
            }
            solver.setTimeLimit(Math.max(1, Math.round(timeLimitSeconds * 1000)));
            MPSolver.ResultStatus status = solver.solve();
            if (status != MPSolver.ResultStatus.OPTIMAL) {
                return new LinearResult(false, null, null, Double.NaN, "the LP solver stopped: " + status);
            }
            MPSolutionResponse response = solver.createSolutionResponseProto();
            double[] values = response.getVariableValueList().stream().mapToDouble(Double::doubleValue).toArray();
            double[] duals = response.getDualValueList().stream()
                    .mapToDouble(d -> d / ModelProto.OBJECTIVE_SCALE).toArray();
            return new LinearResult(true, values, duals, solver.objective().value() / ModelProto.OBJECTIVE_SCALE,
                    "");
        } finally {
            solver.delete();
        }
    }

    /**
     * What to try when a limit stopped the search far from proven: a SCIP bound still 100 % or
     * more away usually means SoPlex has not finished the first LP (on the large benchmark
     * instance it needs minutes where HiGHS needs 10 s).
     */
    static String hint(Backend backend, SolveResult.Termination termination, double objective, Double bound) {
        if (termination != SolveResult.Termination.FEASIBLE) {
            return "";
        }
        double gap = bound == null ? Double.POSITIVE_INFINITY
                : Math.max(0, objective - bound) / Math.max(Math.abs(objective), 1e-9);
        if (backend == Backend.SCIP && gap >= 1) {
            return "SCIP's bound is still far off: on large models its LP solver (SoPlex) can need minutes for "
                    + "the first LP relaxation; --solver highs solves large LPs much faster, or allow a longer "
                    + "--time-limit";
        }
        return "the time limit stopped the search before the gap was reached; allow a longer --time-limit"
                + " or a larger --gap";
    }

    /** A MIP solver's bound is meaningless on an LP-only result; an optimal LP's bound is its value. */
    private static Double bound(double reported, double objective, MPSolver.ResultStatus status) {
        if (Double.isFinite(reported)) {
            return reported;
        }
        return status == MPSolver.ResultStatus.OPTIMAL ? objective : null;
    }

    /** The solver's name in results and plans: HiGHS is HiGHS, however called (its version says how). */
    private static String solverName(Backend backend) {
        return backend == Backend.HIGHS_ORTOOLS ? HighsSolver.NAME : backend.displayName();
    }

    /**
     * OR-Tools' HiGHS wrapper names its PDLP solver instead of a version: say which HiGHS it is
     * (the library is the one {@link HighsSolver} calls directly) and that OR-Tools wraps it.
     */
    private static String version(Backend backend, String reported) {
        if (backend == Backend.HIGHS_ORTOOLS && !reported.matches(".*\\d.*")) {
            String wrapper = "OR-Tools " + OrToolsVersion.getVersionString() + " wrapper";
            return HighsLibrary.load() ? HighsLibrary.version() + " (" + wrapper + ")" : "HiGHS (" + wrapper + ")";
        }
        return reported;
    }

    /** A result without a solution (and so without objective or bound). */
    private static SolveResult withoutPlan(SolveResult.Termination termination, double seconds, Backend backend,
                                           String version, int threads, String message) {
        return new SolveResult(termination, null, null, null, seconds, solverName(backend), version, threads,
                message);
    }
}
