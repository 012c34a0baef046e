package org.lodestone.solve;

import java.util.Map;

import com.google.ortools.linearsolver.MPSolver;

import com.sun.jna.Function;
import com.sun.jna.Library;
import com.sun.jna.NativeLibrary;
import com.sun.jna.Platform;
import com.sun.jna.Pointer;

/**
 * Stops SCIP inside an LP as well as between its steps. OR-Tools' {@code MPSolver.interruptSolve}
 * calls {@code SCIPinterruptSolve}, which SCIP checks between presolving rounds and between nodes,
 * but not inside an LP: SoPlex goes on with the LP it is solving. On the large benchmark instance
 * the root LP takes minutes, so Ctrl-C there went unheard until the LP was done (issue 12, point
 * 2). SCIP's own {@code SCIPinterruptLP} sets the flag SoPlex checks at every simplex iteration;
 * OR-Tools' Java API does not offer it, so it is called here through JNA, on the {@code SCIP*}
 * that {@code MPSolver::underlying_solver()} returns.
 *
 * <p>Both functions are exported by the libraries OR-Tools has loaded already ({@code
 * libortools.so.9} and {@code libscip.so.10.0}); they are found with {@code RTLD_NOLOAD}, so
 * nothing new is loaded. Linux only (the C++ symbol's name is the Itanium ABI's), and wherever a
 * name is not found the solve is stopped as before, by {@code SCIPinterruptSolve} alone.
 *
 * <p>The {@code SCIP*} is taken once the model is loaded, in the solving thread: OR-Tools creates
 * the SCIP instance when the model is loaded and keeps it until the solver is deleted (with
 * default parameters {@code Solve} does not reset it), and SCIP creates its LP when it transforms
 * the problem and keeps it until the transformed problem is freed, which OR-Tools does only on a
 * later change of the model. {@link SolveControl} calls the interrupt only while the solve runs.
 */
final class ScipInterrupt {
    private static final String UNDERLYING_SOLVER = "_ZN19operations_research8MPSolver17underlying_solverEv";

    private static Function underlyingSolver;
    private static Function interruptLp;
    private static boolean tried;
    private static String failure;

    private ScipInterrupt() {}

    /** OR-Tools' {@code MPSolver*} behind a Java {@code MPSolver}, read through its protected accessor. */
    private static final class Handle extends MPSolver {
        private Handle() {
            super(0, false);
        }

        static long of(MPSolver solver) {
            return getCPtr(solver);
        }
    }

    /** Finds the two functions once; false (with {@link #failure()} saying why) where they are not there. */
    static synchronized boolean available() {
        if (!tried) {
            tried = true;
            if (!Platform.isLinux() || !Platform.is64Bit()) {
                failure = "not on 64-bit Linux";
            } else {
                try {
                    underlyingSolver = loaded("libortools.so.9").getFunction(UNDERLYING_SOLVER);
                    interruptLp = loaded("libscip.so.10.0").getFunction("SCIPinterruptLP");
                } catch (UnsatisfiedLinkError | RuntimeException e) {
                    underlyingSolver = null;
                    interruptLp = null;
                    failure = e.getMessage();
                }
            }
        }
        return interruptLp != null;
    }

    /** Why {@link #available()} is false, or null. */
    static synchronized String failure() {
        return failure;
    }

    /** A library the process has loaded already, by its name; never loads one. */
    private static NativeLibrary loaded(String name) {
        int noLoad = 0x4;
        int lazy = 0x1;
        return NativeLibrary.getInstance(name, Map.of(Library.OPTION_OPEN_FLAGS, noLoad | lazy));
    }

    /**
     * The {@code SCIP*} of a SCIP solver whose model is loaded, or null where it cannot be had
     * (then only {@code SCIPinterruptSolve} stops it).
     */
    static Pointer scipOf(MPSolver solver) {
        if (!available()) {
            return null;
        }
        long cPointer = Handle.of(solver);
        if (cPointer == 0) {
            return null;
        }
        Pointer scip = (Pointer) underlyingSolver.invoke(Pointer.class, new Object[] {new Pointer(cPointer)});
        return scip == null || Pointer.nativeValue(scip) == 0 ? null : scip;
    }

    /**
     * Asks SCIP to stop the LP it is solving, if any, and the solve ({@code SCIPinterruptLP(scip,
     * TRUE)} sets both flags). True when SCIP accepted the call.
     */
    static boolean interruptLp(Pointer scip) {
        if (scip == null || interruptLp == null) {
            return false;
        }
        return interruptLp.invokeInt(new Object[] {scip, 1}) == 1; // SCIP_OKAY
    }
}
