package org.lodestone.analysis;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.lodestone.solve.Backend;
import org.lodestone.solve.MipSolver;
import org.lodestone.solve.SolveOptions;
import org.lodestone.validate.InvalidInputException;

class SweepTest {
    private static List<Double> doubles(List<BigDecimal> values) {
        return values.stream().map(BigDecimal::doubleValue).toList();
    }

    @Test
    void rangeIsInclusiveAndDecimal() throws Exception {
        assertAll(
                () -> assertEquals(List.of(0.0, 0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9, 1.0),
                        doubles(Sweep.parseRange("0:1:0.1"))),
                () -> assertEquals(List.of(1.0, 0.75, 0.5, 0.25, 0.0), doubles(Sweep.parseRange("1:0:-0.25"))),
                () -> assertEquals(List.of(0.0, 0.3, 0.6, 0.9), doubles(Sweep.parseRange("0:1:0.3"))),
                () -> assertEquals(List.of(5.0), doubles(Sweep.parseRange("5:5:1"))),
                () -> assertEquals(List.of(1e6, 2e6, 3e6), doubles(Sweep.parseRange("1e6:3e6:1e6"))),
                // `to` within floating tolerance of the last step is included
                () -> assertEquals(11, Sweep.parseRange("0:0.9999999999999:0.1").size()),
                () -> assertEquals(List.of(0.0, 0.5, 1.0), doubles(Sweep.parseRange(" 0 : 1 : 0.5 "))));
    }

    @Test
    void badRangesAndValuesAreBadInput() {
        for (String range : new String[] {"0:1", "0:1:0", "1:0:0.1", "0:1:-0.1", "a:1:0.1", "0:1:0.1:2", "0::1",
                "0:1e9:1e-3", "0:1:NaN"}) {
            assertThrows(InvalidInputException.class, () -> Sweep.parseRange(range), range);
        }
        for (String values : new String[] {"", "1,,2", "1,x", "Infinity", "0x10", "1e-999999999"}) {
            assertThrows(InvalidInputException.class, () -> Sweep.parseValues(values), values);
        }
        assertEquals(List.of(0.0, 0.5, 1.0), assertDoesNotThrow(" 0, 0.5 ,1"));
    }

    private static List<Double> assertDoesNotThrow(String values) {
        try {
            return doubles(Sweep.parseValues(values));
        } catch (InvalidInputException e) {
            throw new AssertionError(e);
        }
    }

    @Test
    void t05MandateSweepIsMonotoneAndExact() throws Exception {
        // t05 with minShare v: 5000 t REO, a share v via the AU chain (9000/t), the rest via CN
        // (3000/t): 15,000,000 + 30,000,000 v
        Sweep.Result r = Sweep.run(AnalysisFixtures.tree(AnalysisFixtures.conformanceFile("t05_mandate.json")),
                "/buyers/0/mandate/minShare", Sweep.parseRange("0:1:0.1"), AnalysisFixtures.exact());
        assertTrue(r.complete());
        assertEquals(11, r.points().size());
        for (Sweep.Point p : r.points()) {
            assertEquals(15_000_000 + 30_000_000 * p.value(), p.plan().objective(), 1e-2, "value " + p.value());
        }
        assertMonotone(r);
    }

    @Test
    void quickstartMandateSweepIsMonotone() throws Exception {
        Sweep.Result r = Sweep.run(AnalysisFixtures.tree(AnalysisFixtures.quickstartFile()),
                "/buyers/0/mandate/minShare", Sweep.parseRange("0:1:0.25"), AnalysisFixtures.exact());
        assertTrue(r.complete());
        assertMonotone(r);
        assertTrue(r.points().get(4).plan().objective() > r.points().get(0).plan().objective() + 1e6,
                "a full mandate costs millions");
    }

    private static void assertMonotone(Sweep.Result r) {
        for (int i = 1; i < r.points().size(); i++) {
            double before = r.points().get(i - 1).plan().objective();
            double after = r.points().get(i).plan().objective();
            assertTrue(after >= before - 1e-9 * Math.abs(before), "objective falls from " + before + " to " + after
                    + " at value " + r.points().get(i).value());
        }
    }

    @Test
    void consecutiveSolvesWithTheSameColumnsAreWarmStarted() throws Exception {
        List<Boolean> hinted = Collections.synchronizedList(new ArrayList<>());
        MipSolver real = MipSolver.create();
        MipSolver watching = (model, options, control) -> {
            hinted.add(model.hint() != null);
            assertEquals(1, options.threads(), "each solve gets one solver thread");
            return real.solve(model, options, control);
        };
        SolveOptions options = new SolveOptions(Backend.SCIP, 60, 0, 4);
        Sweep.run(AnalysisFixtures.tree(AnalysisFixtures.conformanceFile("t05_mandate.json")),
                "/buyers/0/mandate/minShare", Sweep.parseValues("0.2,0.5,1"), Settings.of(watching, options));
        assertEquals(List.of(false, true, true), hinted);
        hinted.clear();
        // one more year changes the columns: no hint
        Sweep.run(AnalysisFixtures.tree(AnalysisFixtures.conformanceFile("t05_mandate.json")),
                "/horizon/years", Sweep.parseValues("1,2"), Settings.of(watching, options));
        assertEquals(List.of(false, false), hinted);
    }

    @Test
    void parallelSweepKeepsOrderAndResults() throws Exception {
        List<BigDecimal> values = Sweep.parseRange("0:1:0.2");
        Sweep.Result one = Sweep.run(AnalysisFixtures.tree(AnalysisFixtures.quickstartFile()),
                "/buyers/0/mandate/minShare", values, AnalysisFixtures.exact(1));
        Sweep.Result three = Sweep.run(AnalysisFixtures.tree(AnalysisFixtures.quickstartFile()),
                "/buyers/0/mandate/minShare", values, AnalysisFixtures.exact(3));
        Sweep.Result again = Sweep.run(AnalysisFixtures.tree(AnalysisFixtures.quickstartFile()),
                "/buyers/0/mandate/minShare", values, AnalysisFixtures.exact(3));
        for (int i = 0; i < values.size(); i++) {
            assertEquals(values.get(i).doubleValue(), three.points().get(i).value());
            double a = one.points().get(i).plan().objective();
            assertEquals(a, three.points().get(i).plan().objective(), 1e-9 * Math.abs(a));
            assertEquals(three.points().get(i).plan().objective(), again.points().get(i).plan().objective());
            assertEquals(three.points().get(i).plan().risk(), again.points().get(i).plan().risk());
        }
    }

    @Test
    void aBadPathOrAnInvalidValueIsRefusedBeforeAnySolve() throws Exception {
        MipSolver never = (model, options, control) -> {
            throw new AssertionError("nothing may be solved");
        };
        Settings settings = Settings.of(never, SolveOptions.defaults());
        InvalidInputException path = assertThrows(InvalidInputException.class, () -> Sweep.run(
                AnalysisFixtures.tree(AnalysisFixtures.quickstartFile()), "/buyers/9/mandate/minShare",
                Sweep.parseValues("0,1"), settings));
        assertTrue(path.getMessage().contains("--param: no such path"), path.getMessage());
        InvalidInputException value = assertThrows(InvalidInputException.class, () -> Sweep.run(
                AnalysisFixtures.tree(AnalysisFixtures.quickstartFile()), "/buyers/0/mandate/minShare",
                Sweep.parseValues("0,1.5"), settings));
        assertTrue(value.getMessage().contains("1.5"), value.getMessage());
        assertFalse(value.getMessage().contains("Exception"));
    }
}
