package org.lodestone.saa;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class EstimateTest {
    @Test
    void quantilesMatchTables() {
        assertEquals(1.959964, Estimate.normal(0.975), 1e-6);
        assertEquals(1.644854, Estimate.normal(0.95), 1e-6);
        assertEquals(-2.326348, Estimate.normal(0.01), 2e-5);
        assertEquals(12.7062, Estimate.studentT(0.975, 1), 1e-4);
        assertEquals(4.3027, Estimate.studentT(0.975, 2), 1e-4);
        assertEquals(3.182446, Estimate.studentT(0.975, 3), 1e-6);
        assertEquals(2.776445, Estimate.studentT(0.975, 4), 1e-6);
        assertEquals(1.983972, Estimate.studentT(0.975, 100), 1e-6);
        assertEquals(2.2622, Estimate.studentT(0.975, 9), 1e-4);
        assertEquals(2.0452, Estimate.studentT(0.975, 29), 1e-4);
        assertEquals(1.8331, Estimate.studentT(0.95, 9), 1e-4);
    }

    @Test
    void meanIntervalAndCvar() {
        Estimate e = Estimate.of(new double[] {1, 2, 3, 4, 5});
        assertEquals(3, e.mean(), 1e-12);
        assertEquals(Math.sqrt(2.5), e.stdDev(), 1e-12);
        assertEquals(2.7764 * Math.sqrt(2.5) / Math.sqrt(5), e.halfWidth(), 1e-3);
        // the worst 20 % of ten equally likely values 1..10: (9 + 10) / 2
        assertEquals(9.5, Judgement.cvar(new double[] {3, 1, 2, 4, 5, 6, 7, 8, 10, 9}, 0.8), 1e-12);
        // a tail of 25 % of four values: the largest alone
        assertEquals(7, Judgement.cvar(new double[] {1, 7, 2, 3}, 0.75), 1e-12);
        // alpha 0: the mean
        assertEquals(3.25, Judgement.cvar(new double[] {1, 7, 2, 3}, 0), 1e-12);
    }
}
