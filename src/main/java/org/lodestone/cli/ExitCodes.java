package org.lodestone.cli;

/** Exit codes of models/plan-reference.md §P9. */
public final class ExitCodes {
    /** A plan was found (OPTIMAL or FEASIBLE), the instance is valid, or the plan holds. */
    public static final int OK = 0;
    /** No plan (INFEASIBLE, NO_SOLUTION), a solver failure, or a plan that does not hold. */
    public static final int NO_PLAN = 1;
    /** Bad usage or invalid input. */
    public static final int BAD_INPUT = 2;
    /** Stopped by Ctrl-C (SIGINT) or SIGTERM; the best plan so far, if any, was written. */
    public static final int INTERRUPTED = 130;

    private ExitCodes() {}
}
