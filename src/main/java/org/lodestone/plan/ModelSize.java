package org.lodestone.plan;

import org.lodestone.model.MipModel;

/** How large a solved model was: what a summary tells of it, without handing out the model itself. */
public record ModelSize(int variables, int integerVariables, int rows, int nonzeros) {
    public static ModelSize of(MipModel mip) {
        return new ModelSize(mip.variables(), mip.integerVariables(), mip.rows(), mip.nonzeros());
    }
}
