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
    /**
     * From this many nonzeros on, {@link #solveLinear} solves the independent blocks of a linear
     * program one at a time (with the first stage fixed, each scenario's operations are a block of
     * their own): smaller LPs that the simplex finishes sooner. Below, one LP, as before.
     */
    static final int SPLIT_FROM_NONZEROS = 200_000;

    private final int splitFrom;

    HighsSolver() {
        this(SPLIT_FROM_NONZEROS);
    }

    /** A solver that splits linear programs into blocks from {@code splitFrom} nonzeros on (tests: 0). */
    HighsSolver(int splitFrom) {
        this.splitFrom = splitFrom;
    }
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
        if (model.nonzeros() >= splitFrom) {
            Blocks blocks = Blocks.of(model);
            if (blocks.count() > 1) {
                return blocks.solve(model, timeLimitSeconds);
            }
        }
        return solveLinear(Columns.of(model, false), model.variables(), model.rows(), timeLimitSeconds);
    }

    /** One LP through HiGHS's dual simplex: values, duals in USD with GLOP's signs, objective in USD. */
    private static LinearResult solveLinear(Columns columns, int variables, int rows, double timeLimitSeconds) {
        Pointer highs = HighsLibrary.Highs_create();
        try {
            HighsLibrary.Highs_setBoolOptionValue(highs, "output_flag", 0);
            HighsLibrary.Highs_setDoubleOptionValue(highs, "time_limit", Math.max(1e-3, timeLimitSeconds));
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
            double[] values = new double[variables];
            double[] duals = new double[rows];
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
            int[] every = new int[model.variables()];
            for (int j = 0; j < every.length; j++) {
                every[j] = j;
            }
            int[] rows = new int[model.rows()];
            for (int i = 0; i < rows.length; i++) {
                rows[i] = i;
            }
            return of(model, integers, every, rows);
        }

        /**
         * Part of the model: the columns with {@code local[j] >= 0} (as column local[j]) and the
         * rows {@code rowIds} (in that order); every other column in those rows must be fixed
         * (lower = upper) and is moved into the rows' bounds as a constant.
         */
        static Columns of(MipModel model, boolean integers, int[] local, int[] rowIds) {
            int n = 0;
            for (int l : local) {
                n = Math.max(n, l + 1);
            }
            int m = rowIds.length;
            double[] cost = new double[n];
            double[] lower = new double[n];
            double[] upper = new double[n];
            int[] integrality = integers ? new int[n] : null;
            for (int j = 0; j < local.length; j++) {
                int c = local[j];
                if (c < 0) {
                    continue;
                }
                cost[c] = model.objective(j) * ModelProto.OBJECTIVE_SCALE;
                lower[c] = model.lower(j);
                upper[c] = model.upper(j);
                if (integers && model.isInteger(j)) {
                    integrality[c] = HighsLibrary.VAR_INTEGER;
                }
            }
            double[] rowLower = new double[m];
            double[] rowUpper = new double[m];
            int[] start = new int[n + 1];
            int nz = 0;
            for (int r = 0; r < m; r++) {
                int i = rowIds[r];
                double constant = 0;
                for (int k = model.rowStart(i); k < model.rowEnd(i); k++) {
                    int c = local[model.column(k)];
                    if (c >= 0) {
                        start[c + 1]++;
                        nz++;
                    } else {
                        constant += model.coefficient(k) * model.lower(model.column(k));
                    }
                }
                rowLower[r] = model.rowLower(i) - constant;
                rowUpper[r] = model.rowUpper(i) - constant;
            }
            for (int c = 0; c < n; c++) {
                start[c + 1] += start[c];
            }
            // rows in order into their columns: each column's entries come out sorted by row
            int[] next = java.util.Arrays.copyOf(start, n);
            int[] index = new int[nz];
            double[] value = new double[nz];
            for (int r = 0; r < m; r++) {
                int i = rowIds[r];
                for (int k = model.rowStart(i); k < model.rowEnd(i); k++) {
                    int c = local[model.column(k)];
                    if (c >= 0) {
                        int at = next[c]++;
                        index[at] = r;
                        value[at] = model.coefficient(k);
                    }
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
     * The independent blocks of a linear program: columns joined by the rows they share, fixed
     * columns (lower = upper) counting as constants, packed in order into blocks of about 1/128 of
     * the nonzeros (on the large benchmark instance: 40 blocks, one per scenario and year, solved in
     * 1.9 s against 3.4 s for the whole LP; the simplex's work grows faster than the LP's size); a
     * row of fixed columns only gets dual 0.
     *
     * @param blockOfColumn the block of each free column, −1 for a fixed one
     * @param blockOfRow the block of each row, −1 for a row of fixed columns only
     */
    record Blocks(int[] blockOfColumn, int[] blockOfRow, int count) {
        static Blocks of(MipModel model) {
            int n = model.variables();
            int[] parent = new int[n];
            for (int j = 0; j < n; j++) {
                parent[j] = j;
            }
            int m = model.rows();
            int[] first = new int[m];
            for (int i = 0; i < m; i++) {
                first[i] = -1;
                for (int k = model.rowStart(i); k < model.rowEnd(i); k++) {
                    int j = model.column(k);
                    if (model.lower(j) == model.upper(j)) {
                        continue;
                    }
                    if (first[i] < 0) {
                        first[i] = j;
                    } else {
                        union(parent, first[i], j);
                    }
                }
            }
            // nonzeros per component (by root), then bins: big components alone, the rest together
            long[] size = new long[n];
            for (int i = 0; i < m; i++) {
                if (first[i] >= 0) {
                    size[find(parent, first[i])] += model.rowEnd(i) - model.rowStart(i);
                }
            }
            // components in the order of their first column, packed into bins of about 1/128 of the
            // nonzeros (a scenario-year may be a component of its own: one LP each would be too many)
            long target = Math.max(1, model.nonzeros() / 128);
            int[] binOfRoot = new int[n];
            java.util.Arrays.fill(binOfRoot, -1);
            int bins = 0;
            long filled = 0;
            int[] blockOfColumn = new int[n];
            for (int j = 0; j < n; j++) {
                if (model.lower(j) == model.upper(j)) {
                    blockOfColumn[j] = -1;
                    continue;
                }
                int root = find(parent, j);
                if (binOfRoot[root] < 0) {
                    if (bins == 0 || filled >= target) {
                        bins++;
                        filled = 0;
                    }
                    binOfRoot[root] = bins - 1;
                    filled += size[root];
                }
                blockOfColumn[j] = binOfRoot[root];
            }
            int[] blockOfRow = new int[m];
            for (int i = 0; i < m; i++) {
                blockOfRow[i] = first[i] < 0 ? -1 : blockOfColumn[first[i]];
            }
            return new Blocks(blockOfColumn, blockOfRow, bins);
        }

        private static int find(int[] parent, int j) {
            while (parent[j] != j) {
                parent[j] = parent[parent[j]];
                j = parent[j];
            }
            return j;
        }

        private static void union(int[] parent, int a, int b) {
            int ra = find(parent, a);
            int rb = find(parent, b);
            if (ra != rb) {
                parent[Math.max(ra, rb)] = Math.min(ra, rb);
            }
        }

        /** Solves every block on its own and puts the values and duals back in the model's order. */
        LinearResult solve(MipModel model, double timeLimitSeconds) {
            long started = System.nanoTime();
            int n = model.variables();
            int m = model.rows();
            double[] values = new double[n];
            double[] duals = new double[m];
            for (int j = 0; j < n; j++) {
                if (blockOfColumn[j] < 0) {
                    values[j] = model.lower(j);
                }
            }
            for (int b = 0; b < count; b++) {
                Block block = block(model, b);
                double left = timeLimitSeconds - (System.nanoTime() - started) / 1e9;
                LinearResult r = solveLinear(block.columns(), block.columnIds().length, block.rowIds().length, left);
                if (!r.optimal()) {
                    return r;
                }
                for (int c = 0; c < block.columnIds().length; c++) {
                    values[block.columnIds()[c]] = r.values()[c];
                }
                for (int q = 0; q < block.rowIds().length; q++) {
                    duals[block.rowIds()[q]] = r.duals()[q];
                }
            }
            double objective = 0;
            for (int j = 0; j < n; j++) {
                objective += model.objective(j) * values[j];
            }
            return new LinearResult(true, values, duals, objective, "");
        }

        private record Block(Columns columns, int[] columnIds, int[] rowIds) {}

        /** Block b as an LP of its own: its free columns and rows, fixed columns moved into the row bounds. */
        private Block block(MipModel model, int b) {
            int n = model.variables();
            int[] local = new int[n];
            int columns = 0;
            for (int j = 0; j < n; j++) {
                local[j] = blockOfColumn[j] == b ? columns++ : -1;
            }
            int[] columnIds = new int[columns];
            for (int j = 0; j < n; j++) {
                if (local[j] >= 0) {
                    columnIds[local[j]] = j;
                }
            }
            int[] rowIds = java.util.stream.IntStream.range(0, model.rows()).filter(i -> blockOfRow[i] == b).toArray();
            return new Block(Columns.of(model, false, local, rowIds), columnIds, rowIds);
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
