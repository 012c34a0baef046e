package org.lodestone.plan;

import java.util.Arrays;

import org.lodestone.model.MipModel;

/**
 * A solution of one model offered as the starting point of the next solve. It is handed to the
 * solver only when the next model has exactly the same columns (same count, same names), and
 * then as a hint ({@link MipModel#setHint}; SCIP and CBC use it).
 *
 * @param columns the column names of the model the values solve
 * @param values a value per column
 */
public record WarmStart(String[] columns, double[] values) {
    /** Whether {@code mip} has exactly these columns. */
    boolean fits(MipModel mip) {
        return Arrays.equals(columns, columns(mip));
    }

    static String[] columns(MipModel mip) {
        String[] names = new String[mip.variables()];
        for (int j = 0; j < names.length; j++) {
            names[j] = mip.variableName(j);
        }
        return names;
    }
}
