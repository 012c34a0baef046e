package org.lodestone.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class TableTest {
    private final Table table = new Table("Costs", "part", "USD")
            .row("mining, spot", 1234567.891)
            .row("tariffs", 0.0)
            .row("note \"x\"", null);

    @Test
    void textAlignsAndRoundsForPeople() {
        assertEquals("""
                Costs
                part          USD
                ------------  ---------
                mining, spot  1,234,568
                tariffs               0
                note "x"
                """, table.render(Table.Format.TEXT));
    }

    @Test
    void csvKeepsFullPrecisionAndQuotes() {
        assertEquals("""
                part,USD
                "mining, spot",1234567.891
                tariffs,0
                "note ""x\""",
                """, table.render(Table.Format.CSV));
    }

    @Test
    void markdownRightAlignsNumbers() {
        assertEquals("""
                ### Costs

                | part | USD |
                | --- | ---: |
                | mining, spot | 1,234,568 |
                | tariffs | 0 |
                | note "x" |  |
                """, table.render(Table.Format.MARKDOWN));
    }

    @Test
    void jsonHasOneObjectPerRow() {
        String json = table.render(Table.Format.JSON);
        assertEquals(true, json.contains("\"USD\" : 1234567.891"), json);
        assertEquals(true, json.contains("\"USD\" : null"), json);
    }

    @Test
    void rowsMustMatchTheColumns() {
        assertThrows(IllegalArgumentException.class, () -> table.row("only one"));
    }
}
