package org.lodestone.model;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class MipModelTest {
    /** The rows after a removed one keep their names, bounds and terms, one place up. */
    @Test
    void removeRowShiftsTheRowsAfterIt() {
        MipModel mip = new MipModel();
        int x = mip.addVariable("x", 0, 1, false, 0);
        int y = mip.addVariable("y", 0, 1, false, 0);
        mip.addRow("a", 0, new Expr().add(x, 1), 1);
        mip.addRow("b", 0, new Expr().add(x, 2).add(y, 3), 2);
        mip.addRow("c", Double.NEGATIVE_INFINITY, new Expr().add(y, 4), 3);
        mip.removeRow(1);
        assertEquals(2, mip.rows());
        assertEquals(2, mip.nonzeros());
        assertEquals("c", mip.rowName(1));
        assertEquals(Double.NEGATIVE_INFINITY, mip.rowLower(1));
        assertEquals(3, mip.rowUpper(1));
        assertEquals(1, mip.rowEnd(1) - mip.rowStart(1));
        assertEquals(y, mip.column(mip.rowStart(1)));
        assertEquals(4, mip.coefficient(mip.rowStart(1)));
        assertEquals(x, mip.column(mip.rowStart(0)));
    }
}
