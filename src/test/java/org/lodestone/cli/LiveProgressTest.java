package org.lodestone.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.concurrent.atomic.AtomicLong;

import org.junit.jupiter.api.Test;
import org.lodestone.solve.SolverProgress;

/** The status line: silent for short solves, redrawn in place for long ones, wiped when a solve ends. */
class LiveProgressTest {
    private final StringWriter text = new StringWriter();
    private final AtomicLong nanos = new AtomicLong();
    private final LiveProgress live = new LiveProgress(new PrintWriter(text), nanos::get, false);

    private void at(double seconds) {
        nanos.set((long) (seconds * 1e9));
    }

    @Test
    void aShortSolveShowsNothing() {
        live.begin();
        at(1.9);
        live.solverProgress().accept(new SolverProgress("SCIP", "presolving", null, null));
        live.redraw();
        live.end();
        assertEquals("", text.toString());
    }

    @Test
    void aLongSolveShowsTheSolversLatestReportThenWipesIt() {
        live.begin();
        at(2.5);
        live.redraw();
        assertEquals("\r  [2 s] solving ...", text.toString());
        live.solverProgress().accept(new SolverProgress("SCIP", "root node", 11.461e9, 11.40e9));
        at(14.2);
        live.redraw();
        String line = "  [14 s] SCIP root node: best 11.46 bn, bound 11.40 bn, gap 0.53 %";
        assertTrue(text.toString().endsWith("\r" + line), text.toString());
        live.end();
        assertTrue(text.toString().endsWith("\r" + " ".repeat(line.length()) + "\r"), "wiped");
        text.getBuffer().setLength(0);
        live.redraw();
        assertEquals("", text.toString(), "nothing is drawn between solves");
    }

    @Test
    void aShorterLinePadsOverTheLongerOne() {
        live.begin();
        at(3);
        live.solverProgress().accept(new SolverProgress("HiGHS", "branch and bound, node 12345", 2e6, 1e6));
        live.redraw();
        live.solverProgress().accept(new SolverProgress("HiGHS", "done", 2e6, 2e6));
        live.redraw();
        String[] draws = text.toString().split("\r", -1);
        String last = draws[draws.length - 1];
        assertEquals(draws[draws.length - 2].length(), last.length(), "as wide as the line it covers");
        assertTrue(last.startsWith("  [3 s] HiGHS done: best 2.000 M, bound 2.000 M, gap 0.00 %"), last);
    }

    @Test
    void eachSolveOfAnAnalysisGetsItsLineAndTheStatusLineGoesFirst() {
        live.starting(1, 3, "value 0");
        at(5);
        live.redraw();
        live.starting(2, 3, "value 0.5");
        String out = text.toString();
        assertTrue(out.startsWith("solve 1 of 3: value 0 ...\n"), out);
        String status = LiveProgress.statusLine(5, null);
        assertTrue(out.endsWith("\r" + status + "\r" + " ".repeat(status.length()) + "\rsolve 2 of 3: value 0.5 ...\n"),
                out);
    }

    @Test
    void reportsAfterTheSolveEndedAreIgnored() {
        live.begin();
        live.end();
        live.solverProgress().accept(new SolverProgress("CBC", "done", 1.0, null));
        at(10);
        live.redraw();
        assertFalse(text.toString().contains("CBC"));
    }

    @Test
    void afterCtrlCTheLineIsWipedReplacedByTheNoteAndNeverRedrawn() {
        live.begin();
        at(5);
        live.solverProgress().accept(new SolverProgress("SCIP", "root node", 1.099e12, null));
        live.redraw();
        String line = LiveProgress.statusLine(5, new SolverProgress("SCIP", "root node", 1.099e12, null));
        live.halt("lodestone: stopping the solver ...");
        String halted = text.toString();
        assertTrue(halted.endsWith("\r" + line + "\r" + " ".repeat(line.length()) + "\rlodestone: stopping the solver ...\n"),
                halted);
        // what the solver reports while it stops, the timer, a next solve of an analysis: nothing is drawn
        live.solverProgress().accept(new SolverProgress("SCIP", "done", 1.099e12, 1.0e9));
        at(6);
        live.redraw();
        live.starting(2, 3, "value 1");
        at(9);
        live.redraw();
        live.halt("again");
        live.end();
        assertEquals(halted, text.toString());
    }

    @Test
    void moneyInFourFigures() {
        assertEquals("-", LiveProgress.money(null));
        assertEquals("-1,527 bn", LiveProgress.money(-1.526611e12));
        assertEquals("13.70 bn", LiveProgress.money(13.704e9));
        assertEquals("250.0 M", LiveProgress.money(2.5e8));
        assertEquals("999,999", LiveProgress.money(999_999.4));
    }
}
