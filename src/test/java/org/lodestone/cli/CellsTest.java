package org.lodestone.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.lodestone.report.HtmlReport;
import org.lodestone.report.Table;

/** Cells keeps numbers numbers: each format rounds and aligns them, each column to its own decimals. */
class CellsTest {
    private final Cells cells = new Cells("Risk and shortfall", "item", "baseline", "change")
            .row("risk", Cells.tonnes(1234.56), Cells.tonnes(-0.01))
            .row("objective", Cells.money(48_000_000), Cells.money(Double.NaN));

    @Test
    void markdownRightAlignsTheNumberColumns() {
        assertEquals("""
                ### Risk and shortfall

                | item | baseline | change |
                | --- | ---: | ---: |
                | risk | 1,234.6 | 0.0 |
                | objective | 48,000,000.0 | - |
                """, cells.table(Table.Format.MARKDOWN).render(Table.Format.MARKDOWN));
    }

    @Test
    void textRightAlignsNumbers() {
        assertEquals("""
                Risk and shortfall
                item       baseline      change
                ---------  ------------  ------
                risk            1,234.6     0.0
                objective  48,000,000.0       -
                """, cells.table(Table.Format.TEXT).render(Table.Format.TEXT));
    }

    /** The HTML report's tables (compare, sweep, pareto) right-align the numbers, rounded as in text. */
    @Test
    void htmlRightAlignsTheNumbers() {
        String html = new HtmlReport("t").addTable(cells.table(Table.Format.MARKDOWN)).render();
        assertTrue(html.contains("<th>item</th><th class=\"num\">baseline</th><th class=\"num\">change</th>"), html);
        assertTrue(html.contains("<tr><td>risk</td><td class=\"num\">1,234.6</td><td class=\"num\">0.0</td></tr>"),
                html);
    }

    @Test
    void scriptsGetFullPrecisionAndNothingForNoNumber() {
        assertEquals("item,baseline,change\nrisk,1234.56,-0.01\nobjective,48000000,\n",
                cells.table(Table.Format.CSV).render(Table.Format.CSV));
    }
}
