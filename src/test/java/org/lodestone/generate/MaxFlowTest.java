package org.lodestone.generate;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** The max-flow behind the generator's demand sizing, on networks small enough to check by hand. */
class MaxFlowTest {
    @Test
    void shipsUpToTheSmallerOfSupplyAndRefiningOverAllowedPairsOnly() {
        double[][] shipped = MaxFlow.transport(new double[] {10, 5}, new double[] {8, 20},
                new boolean[][] {{false, false}, {false, false}}, new boolean[][] {{true, false}, {true, true}});
        assertEquals(0, shipped[0][1], "mine 0 may not ship to refinery 1");
        assertEquals(13, shipped[0][0] + shipped[1][0] + shipped[1][1], 1e-9, "8 through refinery 0, 5 to refinery 1");
        assertEquals(8, shipped[0][0] + shipped[1][0], 1e-9, "refinery 0 full");
        assertEquals(5, shipped[1][0] + shipped[1][1], 1e-9, "mine 1 empty");
    }

    @Test
    void theFirstPairsKeepWhatTheyCanCarry() {
        // both mines could fill the one refinery; the compliant pair (mine 1) is served first
        double[][] shipped = MaxFlow.transport(new double[] {10, 10}, new double[] {10},
                new boolean[][] {{false}, {true}}, new boolean[][] {{true}, {true}});
        assertArrayEquals(new double[] {0, 10}, new double[] {shipped[0][0], shipped[1][0]}, 1e-9);
    }

    @Test
    void aCountryShareCapLimitsWhatOneCountryGives() {
        assertEquals(30, ReachableSupply.capped(new double[] {10, 20}, 1), 1e-9);
        // at most half from one country: 10 + 10 from the larger
        assertEquals(20, ReachableSupply.capped(new double[] {10, 20}, 0.5), 1e-9);
        assertEquals(0, ReachableSupply.capped(new double[] {0, 20}, 0.5), 1e-9);
    }
}
