package org.lodestone.solve;

import com.google.ortools.linearsolver.MPConstraintProto;
import com.google.ortools.linearsolver.MPModelProto;
import com.google.ortools.linearsolver.MPVariableProto;
import com.google.ortools.linearsolver.PartialVariableAssignment;

import org.lodestone.model.MipModel;

/**
 * A {@link MipModel} as OR-Tools' {@code MPModelProto}: the one place where the model crosses
 * into OR-Tools' form (the backend loads it in one piece; the benchmarks time exactly this).
 */
public final class ModelProto {
    /**
     * The solvers see money in thousands of USD: per-tonne costs then lie between about 1 and
     * 1e3 and capex near 1e5, where simplex tolerances are at home (HiGHS asks for exactly this
     * on real instances). Gaps are relative, so the scale changes no stopping rule.
     */
    public static final double OBJECTIVE_SCALE = 1e-3;

    private ModelProto() {}

    /**
     * @param integers keep integrality (false: the LP relaxation)
     * @param withHint add the model's solution hint, if it has one
     * @param names name columns and rows as the model does (solver messages then read well)
     */
    public static MPModelProto of(MipModel model, boolean integers, boolean withHint, boolean names) {
        MPModelProto.Builder proto = MPModelProto.newBuilder();
        for (int j = 0; j < model.variables(); j++) {
            MPVariableProto.Builder v = MPVariableProto.newBuilder()
                    .setLowerBound(model.lower(j))
                    .setUpperBound(model.upper(j))
                    .setObjectiveCoefficient(model.objective(j) * OBJECTIVE_SCALE)
                    .setIsInteger(integers && model.isInteger(j));
            if (names) {
                v.setName(model.variableName(j));
            }
            proto.addVariable(v);
        }
        for (int i = 0; i < model.rows(); i++) {
            MPConstraintProto.Builder row = MPConstraintProto.newBuilder()
                    .setLowerBound(model.rowLower(i))
                    .setUpperBound(model.rowUpper(i));
            if (names) {
                row.setName(model.rowName(i));
            }
            for (int k = model.rowStart(i); k < model.rowEnd(i); k++) {
                row.addVarIndex(model.column(k));
                row.addCoefficient(model.coefficient(k));
            }
            proto.addConstraint(row);
        }
        proto.setMaximize(false);
        double[] hint = model.hint();
        if (withHint && hint != null) {
            PartialVariableAssignment.Builder start = PartialVariableAssignment.newBuilder();
            for (int j = 0; j < hint.length; j++) {
                start.addVarIndex(j);
                start.addVarValue(hint[j]);
            }
            proto.setSolutionHint(start);
        }
        return proto.build();
    }
}
