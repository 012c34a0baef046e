package org.lodestone.solve;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads a solver's log, line by line, into {@link SolverProgress}: the columns of SCIP's table,
 * the rows of HiGHS's branch-and-bound table, CBC's {@code Cbc00..I} messages. Lines it does not
 * know change nothing, so a solver version that words its log differently shows less progress
 * but never wrong numbers. One instance per solve; not thread-safe (one reader thread feeds it).
 */
abstract class SolverLog {
    private final double scale;
    private SolverProgress current;

    /**
     * @param solver display name of the solver
     * @param scale the factor the solver's objective carries ({@link ModelProto#OBJECTIVE_SCALE});
     *     reported values are divided by it
     */
    SolverLog(String solver, double scale) {
        this.scale = scale;
        this.current = new SolverProgress(solver, "starting", null, null);
    }

    static SolverLog of(Backend backend, double scale) {
        return switch (backend) {
            case SCIP -> new Scip(scale);
            case HIGHS, HIGHS_ORTOOLS -> new Highs(scale);
            case CBC -> new Cbc(scale);
            case AUTO -> throw new IllegalArgumentException("auto has no log of its own");
        };
    }

    /** The progress after {@code line}, or null when the line changed nothing. */
    final SolverProgress accept(String line) {
        SolverProgress next = read(line, current);
        if (next == null || next.equals(current)) {
            return null;
        }
        current = next;
        return next;
    }

    final SolverProgress current() {
        return current;
    }

    /** The progress after {@code line} given the progress {@code now}, or null when unchanged. */
    abstract SolverProgress read(String line, SolverProgress now);

    /**
     * A number as the solvers print it, in USD, or null for none ("--", "-", "inf", a
     * missing value, or a solver's stand-in for infinity).
     */
    final Double value(String text) {
        String t = text.trim();
        if (t.isEmpty()) {
            return null;
        }
        try {
            double v = Double.parseDouble(t);
            if (!Double.isFinite(v) || Math.abs(v) >= 1e20) { // SCIP's infinity is 1e20, CBC's "none" 1e50
                return null;
            }
            return v / scale;
        } catch (NumberFormatException e) {
            return null;
        }
    }

    /**
     * SCIP's table: a header line names the columns ("dualbound", "primalbound", "node"), each
     * following row gives their values between '|'. Presolving is announced by its own lines.
     */
    static final class Scip extends SolverLog {
        private static final Pattern SUMMARY = Pattern.compile("(Primal|Dual) Bound\\s*:\\s*(\\S+).*");
        private int time = -1;
        private int node = -1;
        private int dual = -1;
        private int primal = -1;

        Scip(double scale) {
            super("SCIP", scale);
        }

        @Override
        SolverProgress read(String line, SolverProgress now) {
            if (line.startsWith("presolving")) {
                return now.withPhase("presolving");
            }
            if (line.startsWith("Presolving Time")) {
                return now.withPhase("root LP");
            }
            Matcher end = SUMMARY.matcher(line);
            if (end.matches()) { // the closing statistics, to full precision
                Double v = value(end.group(2));
                return end.group(1).equals("Primal") ? now.with("done", v, null) : now.with("done", null, v);
            }
            if (line.indexOf('|') < 0) {
                return null;
            }
            String[] cells = line.split("\\|", -1);
            if (line.contains("dualbound") && line.contains("primalbound")) {
                time = node = dual = primal = -1;
                for (int i = 0; i < cells.length; i++) {
                    switch (cells[i].trim()) {
                        case "time" -> time = i;
                        case "node" -> node = i;
                        case "dualbound" -> dual = i;
                        case "primalbound" -> primal = i;
                        default -> { }
                    }
                }
                return null;
            }
            if (dual < 0 || primal < 0 || Math.max(dual, primal) >= cells.length) {
                return null;
            }
            if (time >= 0 && (time >= cells.length || !cells[time].trim().endsWith("s"))) {
                return null; // not a row of the table
            }
            String phase = "branch and bound";
            if (node >= 0 && node < cells.length) {
                String nodes = cells[node].trim();
                phase = nodes.equals("1") ? "root node" : "branch and bound, node " + nodes;
            }
            return now.with(phase, value(cells[primal]), value(cells[dual]));
        }
    }

    /**
     * HiGHS's branch-and-bound table: after the header that names "BestBound" and "BestSol",
     * each row ends "BestBound BestSol Gap | Cuts InLp Confl. | LpIters Time".
     */
    static final class Highs extends SolverLog {
        private static final Pattern SECONDS = Pattern.compile("\\d+(\\.\\d+)?s");
        private boolean inTable;

        Highs(double scale) {
            super("HiGHS", scale);
        }

        @Override
        SolverProgress read(String line, SolverProgress now) {
            String t = line.trim();
            if (t.startsWith("Presolving model")) {
                return now.withPhase("presolving");
            }
            if (t.startsWith("Solving MIP model") || t.startsWith("Solving root")) {
                return now.withPhase("root node");
            }
            if (t.contains("BestBound") && t.contains("BestSol")) {
                inTable = true;
                return null;
            }
            if (!inTable || t.isEmpty()) {
                return null;
            }
            String[] tokens = t.split("\\s+");
            int n = tokens.length;
            if (n < 12 || !SECONDS.matcher(tokens[n - 1]).matches() || !tokens[n - 9].endsWith("%")) {
                return null;
            }
            String explored = tokens[n - 12];
            String phase = explored.equals("0") ? "root node" : "branch and bound, node " + explored;
            return now.with(phase, value(tokens[n - 7]), value(tokens[n - 8]));
        }
    }

    /**
     * CBC's messages (OR-Tools runs CBC's standard driver, which prints them without their
     * {@code Cbc00..I} codes). Every solution it reports is a plan of the whole model, so the
     * incumbent is the least of them. Its bounds are not shown: the log mixes the bounds of the
     * small sub-problems its heuristics solve with the main search's, and a sub-problem's bound
     * is no bound of the model.
     */
    static final class Cbc extends SolverLog {
        private static final String NUMBER = "([-+]?[0-9][0-9.]*(?:[eE][-+]?[0-9]+)?)";
        private static final Pattern SOLUTION = Pattern.compile(
                "(?:Integer solution of|Solution found of|solution of|improved solution from \\S+ to"
                        + "|Search completed - best objective) " + NUMBER);
        private static final Pattern BRANCHING = Pattern.compile("After \\d+ nodes, \\d+ on tree");

        Cbc(double scale) {
            super("CBC", scale);
        }

        @Override
        SolverProgress read(String line, SolverProgress now) {
            Matcher m = SOLUTION.matcher(line);
            if (m.find()) {
                Double found = value(m.group(1));
                Double best = now.incumbent();
                // a solution CBC prints again (rounded differently) replaces the earlier print of it
                boolean same = best != null && found != null && Math.abs(found - best) <= 1e-5 * Math.abs(best);
                if (found == null || (best != null && found >= best && !same)) {
                    return null;
                }
                return now.with(now.phase(), found, null);
            }
            if (line.contains("At root node")) {
                return now.withPhase("root node");
            }
            if (BRANCHING.matcher(line).find()) {
                return now.withPhase("branch and bound");
            }
            if (line.startsWith("Presolve ") && now.phase().equals("starting")) {
                return now.withPhase("root LP");
            }
            return null;
        }
    }
}
