package org.lodestone.solve;

import java.util.function.Consumer;

import com.sun.jna.Pointer;

import org.lodestone.model.MipModel;

/**
 * HiGHS through its own C API ({@link HighsLibrary}), not OR-Tools' wrapper: the model crosses
 * once as column-wise arrays; incumbent, dual bound and gap come from HiGHS itself; a time limit
 * or an interrupt (a MIP callback that sets {@code user_interrupt}) leaves HiGHS's best solution
 * in hand; progress comes from HiGHS's MIP callbacks; a hint becomes HiGHS's starting solution;
 * {@code --threads} and the seed are HiGHS's options {@code threads} and {@code random_seed}.
 */
final class HighsSolver implements MipSolver {
    static final String NAME = "HiGHS";
    /** How often the interrupt callback (called at every node) also reports progress, at most. */
    private static final long PROGRESS_INTERVAL_NANOS = 250_000_000L;

    static boolean isAvailable() {
        return HighsLibrary.load();
    }

    /** "1.12.0 (C API)": the version, and that Lodestone calls HiGHS directly. */
    static String version() {
        return HighsLibrary.version() + " (C API)";
    }

    @Override
    public SolveResult solve(MipModel model, SolveOptions options, SolveControl control) {
        if (!HighsLibrary.load()) {
            return withoutPlan(SolveResult.Termination.ERROR, 0, "", options, HighsLibrary.failure());
        }
        if (control.interrupted()) {
            return withoutPlan(SolveResult.Termination.NO_SOLUTION, 0, version(), options,
                    "interrupted before the solve started");
        }
        long started = System.nanoTime(); // the hand-off counts, as OR-Tools' extraction of its model does
        Columns columns = Columns.of(model, true);
        Watch watch = new Watch(control.progressListener());
        Pointer highs = HighsLibrary.Highs_create();
        try {
            configure(highs, options, watch.listener != null); // before the model: HiGHS logs as it takes it
            String refused = columns.passTo(highs);
            if (refused != null) {
                return withoutPlan(SolveResult.Termination.ERROR, 0, version(), options, refused);
            }
            double[] hint = model.hint();
            if (hint != null) {
                HighsLibrary.Highs_setSolution(highs, hint, null, null, null);
            }
            watch.attach(highs);
            control.onInterrupt(watch::stop);
            watch.report(new SolverProgress(NAME, "presolving", null, null));
            run(highs);
            double elapsed = (System.nanoTime() - started) / 1e9;
            if (HighsLibrary.Highs_getModelStatus(highs) == HighsLibrary.MODEL_INFEASIBLE && !watch.stop
                    && elapsed < options.timeLimitSeconds()) {
                // HiGHS 1.12 declares some feasible models infeasible when a row bound is near its MIP
                // feasibility tolerance (1e-6: a risk budget of zero plus Pareto's tolerance of 1e-6);
                // a second opinion with a tolerance ten times finer (without presolve it would call a
                // plan 4.6 % too dear optimal instead)
                HighsLibrary.Highs_clearSolver(highs);
                HighsLibrary.Highs_setDoubleOptionValue(highs, "mip_feasibility_tolerance", 1e-7);
                HighsLibrary.Highs_setDoubleOptionValue(highs, "time_limit", options.timeLimitSeconds() - elapsed);
                if (hint != null) {
                    HighsLibrary.Highs_setSolution(highs, hint, null, null, null);
                }
                run(highs);
            }
            double seconds = (System.nanoTime() - started) / 1e9;
            return result(highs, model, options, seconds, columns.hasIntegers());
        } finally {
            control.onInterrupt(null);
            HighsLibrary.Highs_destroy(highs);
            // HiGHS's task scheduler belongs to the calling thread and keeps the thread count of its first
            // run: shut it down, so that the next solve on this thread gets the threads it asks for
            HighsLibrary.Highs_resetGlobalScheduler(1);
        }
    }

    private static void configure(Pointer highs, SolveOptions options, boolean progress) {
        // the MIP logging callback fires only when HiGHS logs; its log goes nowhere (not to the console)
        HighsLibrary.Highs_setBoolOptionValue(highs, "output_flag", progress ? 1 : 0);
        HighsLibrary.Highs_setBoolOptionValue(highs, "log_to_console", 0);
        HighsLibrary.Highs_setDoubleOptionValue(highs, "time_limit", options.timeLimitSeconds());
        HighsLibrary.Highs_setDoubleOptionValue(highs, "mip_rel_gap", options.relativeGap());
        HighsLibrary.Highs_setIntOptionValue(highs, "threads", Math.max(1, options.threads()));
        HighsLibrary.Highs_setIntOptionValue(highs, "random_seed", options.seed());
    }

    private static SolveResult result(Pointer highs, MipModel model, SolveOptions options, double seconds,
                                      boolean integers) {
        int status = HighsLibrary.Highs_getModelStatus(highs);
        int[] solutionStatus = new int[1];
        HighsLibrary.Highs_getIntInfoValue(highs, "primal_solution_status", solutionStatus);
        boolean hasSolution = solutionStatus[0] == HighsLibrary.SOLUTION_FEASIBLE
                || status == HighsLibrary.MODEL_EMPTY;
        SolveResult.Termination termination = switch (status) {
            case HighsLibrary.MODEL_OPTIMAL, HighsLibrary.MODEL_EMPTY -> SolveResult.Termination.OPTIMAL;
            case HighsLibrary.MODEL_INFEASIBLE -> SolveResult.Termination.INFEASIBLE;
            case HighsLibrary.MODEL_UNBOUNDED, HighsLibrary.MODEL_UNBOUNDED_OR_INFEASIBLE ->
                    SolveResult.Termination.ERROR;
            default -> hasSolution ? SolveResult.Termination.FEASIBLE : SolveResult.Termination.NO_SOLUTION;
        };
        if (termination == SolveResult.Termination.INFEASIBLE || termination == SolveResult.Termination.ERROR
                || !hasSolution) {
            String message = switch (termination) {
                case INFEASIBLE -> "the solver reports the model infeasible";
                case ERROR -> status == HighsLibrary.MODEL_UNBOUNDED || status == HighsLibrary.MODEL_UNBOUNDED_OR_INFEASIBLE
                        ? "the solver reports the model unbounded" : "the solver stopped abnormally (HiGHS model status "
                        + status + ")";
                default -> status == HighsLibrary.MODEL_INTERRUPT ? "interrupted before a solution was found"
                        : "no solution found within the time limit; try a longer --time-limit";
            };
            return withoutPlan(termination, seconds, version(), options, message);
        }
        double[] values = new double[model.variables()];
        HighsLibrary.Highs_getSolution(highs, values, null, null, null);
        double objective = info(highs, "objective_function_value") / ModelProto.OBJECTIVE_SCALE;
        Double bound = null;
        if (integers) {
            double dual = info(highs, "mip_dual_bound");
            bound = Double.isFinite(dual) && Math.abs(dual) < 1e20 ? dual / ModelProto.OBJECTIVE_SCALE : null;
        }
        if (bound == null && termination == SolveResult.Termination.OPTIMAL) {
            bound = objective; // an optimal linear program's bound is its value
        }
        String message = status == HighsLibrary.MODEL_INTERRUPT ? "interrupted; the best solution found so far"
                : OrToolsSolver.hint(Backend.HIGHS, termination, objective, bound);
        return new SolveResult(termination, values, objective, bound, seconds, NAME, version(),
                Math.max(1, options.threads()), message);
    }

    private static double info(Pointer highs, String name) {
        double[] value = new double[1];
        if (HighsLibrary.Highs_getDoubleInfoValue(highs, name, value) == HighsLibrary.STATUS_ERROR) {
            return Double.NaN;
        }
        return value[0];
    }

    /**
     * Solves the linear program (integrality dropped) by HiGHS's dual simplex and returns its row
     * duals in USD, with GLOP's signs: the change of the minimised objective per unit of the row's
     * bound (≥ 0 on an active lower bound, ≤ 0 on an active upper bound).
     */
    @Override
    public LinearResult solveLinear(MipModel model, double timeLimitSeconds) {
        if (!HighsLibrary.load()) {
            return new LinearResult(false, null, null, Double.NaN, HighsLibrary.failure());
        }
        Columns columns = Columns.of(model, false);
        Pointer highs = HighsLibrary.Highs_create();
        try {
            HighsLibrary.Highs_setBoolOptionValue(highs, "output_flag", 0);
            HighsLibrary.Highs_setDoubleOptionValue(highs, "time_limit", timeLimitSeconds);
            HighsLibrary.Highs_setIntOptionValue(highs, "threads", 1);
            HighsLibrary.Highs_setStringOptionValue(highs, "solver", "simplex");
            String refused = columns.passTo(highs);
            if (refused != null) {
                return new LinearResult(false, null, null, Double.NaN, refused);
            }
            run(highs);
            int status = HighsLibrary.Highs_getModelStatus(highs);
            if (status != HighsLibrary.MODEL_OPTIMAL && status != HighsLibrary.MODEL_EMPTY) {
                return new LinearResult(false, null, null, Double.NaN,
                        "the LP solver stopped (HiGHS model status " + status + ")");
            }
            double[] values = new double[model.variables()];
            double[] duals = new double[model.rows()];
            HighsLibrary.Highs_getSolution(highs, values, null, null, duals);
            for (int i = 0; i < duals.length; i++) {
                duals[i] /= ModelProto.OBJECTIVE_SCALE;
            }
            return new LinearResult(true, values, duals,
                    info(highs, "objective_function_value") / ModelProto.OBJECTIVE_SCALE, "");
        } finally {
            HighsLibrary.Highs_destroy(highs);
            HighsLibrary.Highs_resetGlobalScheduler(1);
        }
    }

    private static SolveResult withoutPlan(SolveResult.Termination termination, double seconds, String version,
                                           SolveOptions options, String message) {
        return new SolveResult(termination, null, null, null, seconds, NAME, version,
                Math.max(1, options.threads()), message);
    }

    /**
     * The model column by column, as {@code Highs_passMip} takes it: costs in thousands of USD
     * ({@link ModelProto#OBJECTIVE_SCALE}), the matrix in compressed sparse columns.
     */
    record Columns(double[] cost, double[] lower, double[] upper, double[] rowLower, double[] rowUpper,
                   int[] start, int[] index, double[] value, int[] integrality) {
        static Columns of(MipModel model, boolean integers) {
            int n = model.variables();
            int m = model.rows();
            int nz = model.nonzeros();
            double[] cost = new double[n];
            double[] lower = new double[n];
            double[] upper = new double[n];
            int[] integrality = integers ? new int[n] : null;
            for (int j = 0; j < n; j++) {
                cost[j] = model.objective(j) * ModelProto.OBJECTIVE_SCALE;
                lower[j] = model.lower(j);
                upper[j] = model.upper(j);
                if (integers && model.isInteger(j)) {
                    integrality[j] = HighsLibrary.VAR_INTEGER;
                }
            }
            double[] rowLower = new double[m];
            double[] rowUpper = new double[m];
            int[] start = new int[n + 1];
            for (int i = 0; i < m; i++) {
                rowLower[i] = model.rowLower(i);
                rowUpper[i] = model.rowUpper(i);
                for (int k = model.rowStart(i); k < model.rowEnd(i); k++) {
                    start[model.column(k) + 1]++;
                }
            }
            for (int j = 0; j < n; j++) {
                start[j + 1] += start[j];
            }
            // rows in order into their columns: each column's entries come out sorted by row
            int[] next = java.util.Arrays.copyOf(start, n);
            int[] index = new int[nz];
            double[] value = new double[nz];
            for (int i = 0; i < m; i++) {
                for (int k = model.rowStart(i); k < model.rowEnd(i); k++) {
                    int at = next[model.column(k)]++;
                    index[at] = i;
                    value[at] = model.coefficient(k);
                }
            }
            return new Columns(cost, lower, upper, rowLower, rowUpper, start, index, value, integrality);
        }

        boolean hasIntegers() {
            if (integrality != null) {
                for (int t : integrality) {
                    if (t != HighsLibrary.VAR_CONTINUOUS) {
                        return true;
                    }
                }
            }
            return false;
        }

        /** Passes the model to {@code highs}; null when taken, else why not. */
        String passTo(Pointer highs) {
            int n = cost.length;
            int status = integrality != null
                    ? HighsLibrary.Highs_passMip(highs, n, rowLower.length, value.length,
                            HighsLibrary.MATRIX_COLUMNWISE, HighsLibrary.SENSE_MINIMIZE, 0, cost, lower, upper,
                            rowLower, rowUpper, start, index, value, integrality)
                    : HighsLibrary.Highs_passLp(highs, n, rowLower.length, value.length,
                            HighsLibrary.MATRIX_COLUMNWISE, HighsLibrary.SENSE_MINIMIZE, 0, cost, lower, upper,
                            rowLower, rowUpper, start, index, value);
            return status == HighsLibrary.STATUS_ERROR ? "HiGHS rejected the model" : null;
        }
    }

    /**
     * The callback HiGHS calls during the solve: it stops the solve when asked (MIP, simplex and
     * interior-point interrupt callbacks) and turns the MIP callbacks' data into progress.
     */
    private static final class Watch implements HighsLibrary.HighsCallback {
        private final Consumer<SolverProgress> listener;
        private volatile boolean stop;
        private SolverProgress current = new SolverProgress(NAME, "starting", null, null);
        private long lastReport = System.nanoTime() - PROGRESS_INTERVAL_NANOS;

        Watch(Consumer<SolverProgress> listener) {
            this.listener = listener;
        }

        void attach(Pointer highs) {
            HighsLibrary.Highs_setCallback(highs, this, null);
            HighsLibrary.Highs_startCallback(highs, HighsLibrary.CALLBACK_MIP_INTERRUPT);
            HighsLibrary.Highs_startCallback(highs, HighsLibrary.CALLBACK_SIMPLEX_INTERRUPT);
            HighsLibrary.Highs_startCallback(highs, HighsLibrary.CALLBACK_IPM_INTERRUPT);
            if (listener != null) {
                HighsLibrary.Highs_startCallback(highs, HighsLibrary.CALLBACK_MIP_IMPROVING_SOLUTION);
                HighsLibrary.Highs_startCallback(highs, HighsLibrary.CALLBACK_MIP_LOGGING);
            }
        }

        boolean stop() {
            stop = true;
            return true;
        }

        @Override
        public void invoke(int type, Pointer message, Pointer dataOut, Pointer dataIn, Pointer userData) {
            try {
                boolean interruptible = type == HighsLibrary.CALLBACK_MIP_INTERRUPT
                        || type == HighsLibrary.CALLBACK_SIMPLEX_INTERRUPT || type == HighsLibrary.CALLBACK_IPM_INTERRUPT;
                if (interruptible && stop && dataIn != null) {
                    dataIn.setInt(0, 1); // HighsCallbackDataIn.user_interrupt
                }
                if (listener == null) {
                    return;
                }
                if (type == HighsLibrary.CALLBACK_MIP_LOGGING || type == HighsLibrary.CALLBACK_MIP_IMPROVING_SOLUTION
                        || (type == HighsLibrary.CALLBACK_MIP_INTERRUPT
                            && System.nanoTime() - lastReport >= PROGRESS_INTERVAL_NANOS)) {
                    report(read(dataOut));
                }
            } catch (RuntimeException | Error e) {
                // nothing may be thrown back into HiGHS; a lost progress report is harmless
            }
        }

        private SolverProgress read(Pointer out) {
            long nodes = item(out, "mip_node_count").getLong(0);
            Double incumbent = usd(item(out, "mip_primal_bound").getDouble(0));
            Double bound = usd(item(out, "mip_dual_bound").getDouble(0));
            // before the root LP is solved there is no bound (HiGHS's LP solves call back nothing)
            String phase = nodes > 0 ? "branch and bound, node " + nodes : bound == null ? "root LP" : "root node";
            return current.with(phase, incumbent, bound);
        }

        private static Pointer item(Pointer out, String name) {
            return HighsLibrary.Highs_getCallbackDataOutItem(out, name);
        }

        private static Double usd(double value) {
            return Double.isFinite(value) && Math.abs(value) < 1e20 ? value / ModelProto.OBJECTIVE_SCALE : null;
        }

        void report(SolverProgress next) {
            lastReport = System.nanoTime();
            if (listener != null && !next.equals(current)) {
                current = next;
                listener.accept(next);
            } else {
                current = next;
            }
        }
    }

    /**
     * Highs_run with descriptor 1 held off the process's standard output: HiGHS 1.12 prints stray
     * debug lines with printf even with output_flag off (e.g. "HighsMipSolverData::
     * transformNewIntegerFeasibleSolution tmpSolver.run();" on the real instance's Pareto points),
     * which would corrupt JSON or CSV written to stdout.
     */
    private static void run(Pointer highs) {
        try (NativeStdout quiet = NativeStdout.quiet()) {
            HighsLibrary.Highs_run(highs);
        }
    }
}
