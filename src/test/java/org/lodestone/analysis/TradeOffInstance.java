package org.lodestone.analysis;

/** The trade-off instance of the analysis tests, for the CLI tests of another package. */
public final class TradeOffInstance {
    public static final String JSON = AnalysisFixtures.TRADE_OFF;

    private TradeOffInstance() {}
}
