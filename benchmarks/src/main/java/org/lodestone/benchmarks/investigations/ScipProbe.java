package org.lodestone.benchmarks.investigations;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import com.google.ortools.Loader;
import com.google.ortools.linearsolver.MPSolver;
import com.google.ortools.linearsolver.MPSolverParameters;

import org.lodestone.benchmarks.Size;
import org.lodestone.model.MipModel;
import org.lodestone.model.SourcingModel;

/**
 * Not a benchmark: one solve with the solver's log on, to see where the time goes and to try
 * solver-specific parameters. The model goes to OR-Tools as Lodestone hands it over
 * (MPSolver.loadModelFromProto, money in thousands).
 *
 * <pre>
 * java -cp benchmarks.jar org.lodestone.benchmarks.investigations.ScipProbe SIZE BACKEND TIME_LIMIT GAP ['name = value' ...]
 * java -cp benchmarks.jar org.lodestone.benchmarks.investigations.ScipProbe large SCIP 120 0.01 'lp/initalgorithm = b'
 * </pre>
 */
public final class ScipProbe {
    private ScipProbe() {}

    public static void main(String[] args) {
        if (args.length < 4) {
            System.err.println("usage: ScipProbe SIZE BACKEND TIME_LIMIT GAP ['name = value' ...]");
            System.exit(2);
        }
        Size size = Size.valueOf(args[0]);
        String backend = args[1].toUpperCase(Locale.ROOT);
        double timeLimit = Double.parseDouble(args[2]);
        double gap = Double.parseDouble(args[3]);
        List<String> settings = new ArrayList<>(List.of(args).subList(4, args.length));
        if (backend.equals("SCIP")) {
            settings.add(0, "misc/catchctrlc = FALSE");
        }

        long t0 = System.nanoTime();
        MipModel model = SourcingModel.build(size.instance()).mip();
        long t1 = System.nanoTime();
        Loader.loadNativeLibraries();
        MPSolver solver = MPSolver.createSolver(backend);
        HandOff.loadProto(solver, model, true);
        long t2 = System.nanoTime();
        solver.enableOutput();
        if (!solver.setSolverSpecificParametersAsString(String.join("\n", settings) + "\n")) {
            System.err.println("the solver refused the parameters: " + settings);
            System.exit(2);
        }
        solver.setTimeLimit(Math.round(timeLimit * 1000));
        MPSolverParameters params = new MPSolverParameters();
        params.setDoubleParam(MPSolverParameters.DoubleParam.RELATIVE_MIP_GAP, gap);
        MPSolver.ResultStatus status;
        try {
            status = solver.solve(params);
        } catch (IllegalArgumentException unknown) {
            status = null;
        }
        long t3 = System.nanoTime();
        double objective = status == MPSolver.ResultStatus.OPTIMAL || status == MPSolver.ResultStatus.FEASIBLE
                ? solver.objective().value() : Double.NaN;
        double bound = solver.objective().bestBound();
        double relGap = Math.abs(objective - bound) / Math.max(Math.abs(objective), 1e-9);
        System.out.printf(Locale.ROOT, "%nPROBE %s %s settings=%s%n", size, backend, settings);
        System.out.printf(Locale.ROOT, "PROBE build %.2f s, read+hand-off %.2f s, solve %.2f s (wall)%n",
                (t1 - t0) / 1e9, (t2 - t1) / 1e9, (t3 - t2) / 1e9);
        System.out.printf(Locale.ROOT, "PROBE status %s objective %.6e bound %.6e gap %.4f %%%n",
                status, objective / HandOff.OBJECTIVE_SCALE, bound / HandOff.OBJECTIVE_SCALE, 100 * relGap);
        solver.delete();
    }
}
