package org.lodestone.solve;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

/**
 * The log readers on real logs: each of {@code solver-logs/} is what the solver printed while
 * solving conformance case g-medium-1 (optimum 17,843,693,317.81 USD, 17,843,693.32 in the
 * thousands the solvers see).
 */
class SolverLogTest {
    private static final double OPTIMUM = 17_843_693_317.81;

    private static List<SolverProgress> read(Backend backend, String resource) throws IOException {
        SolverLog log = SolverLog.of(backend, ModelProto.OBJECTIVE_SCALE);
        List<SolverProgress> seen = new ArrayList<>();
        try (InputStream in = SolverLogTest.class.getResourceAsStream("/solver-logs/" + resource)) {
            for (String line : new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n")) {
                SolverProgress p = log.accept(line);
                if (p != null) {
                    seen.add(p);
                }
            }
        }
        return seen;
    }

    /** Every bound reported lies at or below the optimum, every incumbent at or above (display rounding aside). */
    private static void consistent(List<SolverProgress> seen, double relativeRounding) {
        for (SolverProgress p : seen) {
            if (p.bound() != null) {
                assertTrue(p.bound() <= OPTIMUM * (1 + relativeRounding), "bound above the optimum: " + p);
            }
            if (p.incumbent() != null) {
                assertTrue(p.incumbent() >= OPTIMUM * (1 - relativeRounding), "incumbent below the optimum: " + p);
            }
        }
    }

    @Test
    void scipPhasesThenTableRowsThenTheExactClosingFigures() throws IOException {
        List<SolverProgress> seen = read(Backend.SCIP, "scip-g-medium-1.log");
        assertEquals("presolving", seen.get(0).phase());
        assertTrue(seen.stream().anyMatch(p -> p.phase().equals("root node") && p.incumbent() != null
                && p.bound() != null && p.gap() > 0), "a root row with both sides and a gap");
        consistent(seen, 1e-6);
        SolverProgress last = seen.get(seen.size() - 1);
        assertEquals(OPTIMUM, last.incumbent(), 0.01);
        assertEquals(OPTIMUM, last.bound(), 0.01);
        assertEquals(0.0, last.gap());
    }

    @Test
    void scipRowBeforeAnyHeaderAndOtherPipedLinesChangeNothing() {
        SolverLog log = SolverLog.of(Backend.SCIP, 1);
        assertNull(log.accept("  3.3s|     1 |     0 | 38169 | 1.784098e+07 | 1.784369e+07 |   0.02%"));
        log.accept(" time | node  | left  |LP iter|  dualbound   | primalbound  |  gap   ");
        assertNull(log.accept("  symmetry | none | of | these"), "a line that is not a row of the table");
        SolverProgress p = log.accept("t35.4s|     1 |     0 |     0 |-2.633325e+10 |      --      |    Inf ");
        assertNotNull(p);
        assertNull(p.incumbent(), "'--' is no incumbent");
        assertEquals(-2.633325e+10, p.bound());
        p = log.accept(" 40.0s|   200 |    12 |  5000 | 1.0e+03 | 1.1e+03 |  10.00%");
        assertEquals("branch and bound, node 200", p.phase());
        assertEquals(1.1e3, p.incumbent());
        assertEquals(0.1 / 1.1, p.gap(), 1e-12);
    }

    @Test
    void highsTableRowsFromTheRight() throws IOException {
        List<SolverProgress> seen = read(Backend.HIGHS, "highs-g-medium-1.log");
        assertEquals("presolving", seen.get(0).phase());
        assertTrue(seen.stream().anyMatch(p -> p.incumbent() != null && p.bound() == null),
                "the first row has a solution and -inf as bound");
        consistent(seen, 1e-9);
        SolverProgress last = seen.get(seen.size() - 1);
        assertEquals("branch and bound, node 3", last.phase());
        assertEquals(OPTIMUM, last.incumbent(), 0.01);
        assertEquals(OPTIMUM, last.bound(), 0.01);
    }

    @Test
    void cbcKeepsTheLeastSolutionAndShowsNoBound() throws IOException {
        List<SolverProgress> seen = read(Backend.CBC, "cbc-g-medium-1.log");
        assertTrue(seen.size() >= 3);
        assertTrue(seen.stream().allMatch(p -> p.bound() == null), "CBC's sub-problem bounds are not shown");
        for (int i = 1; i < seen.size(); i++) {
            Double before = seen.get(i - 1).incumbent();
            Double after = seen.get(i).incumbent();
            assertTrue(before == null || after <= before * (1 + 1e-5), "the incumbent never worsens beyond rounding");
        }
        // CBC prints some solutions to 6 significant figures only
        consistent(seen, 1e-5);
        assertEquals(OPTIMUM, seen.get(seen.size() - 1).incumbent(), 0.01);
    }

    @Test
    void noneAndInfinityAreNoValue() {
        SolverLog log = SolverLog.of(Backend.CBC, 1e-3);
        for (String text : List.of("--", "-", "inf", "-inf", "Large", "", "1e+50", "1e+20", "NaN")) {
            assertNull(log.value(text), text);
        }
        assertEquals(1234.5, log.value("+1.2345e+00"), 1e-9);
    }
}
