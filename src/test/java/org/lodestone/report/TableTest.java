package org.lodestone.report;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;

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

    /** A sweep-like table: 20 columns of money, a third of them zero in every row. */
    static Table wide() {
        List<String> columns = new ArrayList<>(List.of("value", "status", "objective"));
        for (int k = 1; k <= 15; k++) {
            columns.add("part" + k);
        }
        columns.add("shortfallTonnes");
        Table t = new Table("A title long enough that it cannot stay on one line of a hundred characters, so that it "
                + "has to be wrapped", columns.toArray(String[]::new));
        for (int i = 0; i < 3; i++) {
            List<Object> row = new ArrayList<>(List.of(0.5 * i, "OPTIMAL", 36_000_000.0 + i * 12_000_000));
            for (int k = 1; k <= 15; k++) {
                row.add(k % 3 == 0 ? 0.0 : 1_000_000.0 * k + i);
            }
            row.add(0.0);
            t.row(row.toArray());
        }
        return t;
    }

    @Test
    void wideTextFitsAHundredColumnsAndSaysWhatItLeftOut() {
        String text = wide().render(Table.Format.TEXT);
        text.lines().forEach(line -> assertTrue(line.length() <= Table.WIDTH, line.length() + ": " + line));
        String flat = text.replace("\n", " ");
        assertAll(
                // zero in every row: dropped, and named
                () -> assertTrue(flat.contains("Zero in every row, not shown: part3, part6, part9, part12, part15, "
                        + "shortfallTonnes."), text),
                () -> assertFalse(text.contains("part3 ") || text.lines().anyMatch(l -> l.endsWith("part3")), text),
                // the rest in parts, each led by the first column, and how to see it whole
                () -> assertTrue(flat.contains("shown in 2 parts, each led by value."), text),
                () -> assertEquals(2, text.lines().filter(l -> l.startsWith("value")).count(), text),
                () -> assertTrue(flat.contains("--format csv or json gives every column, whole."), text),
                // nothing lost: every value of a part that is shown is there
                () -> assertTrue(text.contains("14,000,002"), text));
        // csv and json are for scripts: never cut
        assertEquals(19, wide().render(Table.Format.CSV).lines().findFirst().orElseThrow().split(",").length);
    }

    @Test
    void aNarrowTableIsLeftAsItIs() {
        assertFalse(table.render(Table.Format.TEXT).contains("not shown"));
    }

    @Test
    void aTooLongTextIsCutAndSaysSo() {
        Table t = new Table("t", "country", "top shortfalls").row("CN", "x".repeat(150));
        String text = t.render(Table.Format.TEXT);
        text.lines().forEach(line -> assertTrue(line.length() <= Table.WIDTH, line));
        assertTrue(text.contains("xx...") && text.replace("\n", " ").contains("Text cut to fit ends in \"...\"."), text);
    }

    /** One decimals rule per column: no "-0", no 0.0001278 or -6.294e-05 beside whole numbers. */
    @Test
    void eachColumnIsRoundedAlike() {
        Table t = new Table("Stress", "country", "increase", "shortfall", "share")
                .row("CN", 5_813_873_609.2, 9_323.5, 0.5)
                .row("MM", -0.3, 0.0001278, 0.25)
                .row("AU", -6.294e-05, -6.294e-05, 0.125);
        List<String[]> texts = t.texts();
        assertEquals(List.of("5,813,873,609", "0", "0"), texts.stream().map(r -> r[1]).toList());
        assertEquals(List.of("9,324", "0", "0"), texts.stream().map(r -> r[2]).toList());
        assertEquals(List.of("0.50", "0.25", "0.13"), texts.stream().map(r -> r[3]).toList());
        String text = t.render(Table.Format.TEXT) + t.render(Table.Format.MARKDOWN);
        assertFalse(text.contains("-0") || text.contains("e-") || text.contains("E-"), text);
        // a column told its decimals keeps them
        assertEquals("9,323.5", t.decimals("shortfall", 1).texts().get(0)[2]);
    }

    @Test
    void numbersAreRightAligned() {
        String text = new Table("t", "item", "tonnes").row("a", 1.0).row("bb", 12_345.0).render(Table.Format.TEXT);
        assertEquals("""
                t
                item  tonnes
                ----  ------
                a          1
                bb    12,345
                """, text);
        String markdown = new Table("t", "item", "tonnes").row("a", null).row("b", 2.0).render(Table.Format.MARKDOWN);
        assertTrue(markdown.contains("| --- | ---: |"), markdown);
    }

    @Test
    void aMissingNumberIsADashForPeopleAndNothingForScripts() {
        Table t = new Table("t", "item", "USD").row("a", Double.NaN);
        assertTrue(t.render(Table.Format.TEXT).contains("a       -"), t.render(Table.Format.TEXT));
        assertEquals("item,USD\na,\n", t.render(Table.Format.CSV));
        assertTrue(t.render(Table.Format.JSON).contains("\"USD\" : null"));
    }
}
