package org.lodestone.benchmarks.investigations;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;

import com.google.ortools.linearsolver.MPConstraint;
import com.google.ortools.linearsolver.MPConstraintProto;
import com.google.ortools.linearsolver.MPModelProto;
import com.google.ortools.linearsolver.MPObjective;
import com.google.ortools.linearsolver.MPSolver;
import com.google.ortools.linearsolver.MPVariable;
import com.google.ortools.linearsolver.MPVariableProto;
import com.google.ortools.modelbuilder.ModelBuilderHelper;
import com.google.protobuf.CodedOutputStream;
import com.google.protobuf.WireFormat;

import org.lodestone.model.MipModel;
import org.lodestone.solve.ModelProto;

/**
 * The ways to hand a {@link MipModel} to OR-Tools from Java, each ending with the model held by
 * native code and ready to solve. Money is scaled by {@link #OBJECTIVE_SCALE} as in Lodestone.
 */
public final class HandOff {
    /** The solvers see thousands of USD. */
    public static final double OBJECTIVE_SCALE = ModelProto.OBJECTIVE_SCALE;

    private HandOff() {}

    /** (b) without the load: the Java MPModelProto, built by Lodestone's own {@link ModelProto}. */
    public static MPModelProto proto(MipModel model, boolean names) {
        return ModelProto.of(model, true, false, names);
    }

    /** (a) one JNI call per column, objective coefficient, row and nonzero. */
    public static void perCoefficient(MPSolver solver, MipModel model) {
        int n = model.variables();
        MPVariable[] vars = new MPVariable[n];
        for (int j = 0; j < n; j++) {
            vars[j] = solver.makeVar(model.lower(j), model.upper(j), model.isInteger(j), model.variableName(j));
        }
        MPObjective objective = solver.objective();
        for (int j = 0; j < n; j++) {
            double c = model.objective(j);
            if (c != 0) {
                objective.setCoefficient(vars[j], c * OBJECTIVE_SCALE);
            }
        }
        objective.setMinimization();
        for (int i = 0; i < model.rows(); i++) {
            MPConstraint row = solver.makeConstraint(model.rowLower(i), model.rowUpper(i), model.rowName(i));
            for (int k = model.rowStart(i); k < model.rowEnd(i); k++) {
                row.setCoefficient(vars[model.column(k)], model.coefficient(k));
            }
        }
    }

    /** (b) what Lodestone does: one MPModelProto, serialised once and parsed by native code. */
    public static void loadProto(MPSolver solver, MipModel model, boolean names) {
        String error = solver.loadModelFromProto(proto(model, names));
        if (!error.isEmpty()) {
            throw new IllegalStateException("loadModelFromProto: " + error);
        }
    }

    /** (c1) the model builder's per-call API: one JNI call per attribute and per nonzero. */
    public static ModelBuilderHelper builderPerCall(MipModel model) {
        ModelBuilderHelper helper = new ModelBuilderHelper();
        for (int j = 0; j < model.variables(); j++) {
            int v = helper.addVar();
            helper.setVarLowerBound(v, model.lower(j));
            helper.setVarUpperBound(v, model.upper(j));
            helper.setVarIntegrality(v, model.isInteger(j));
            double c = model.objective(j);
            if (c != 0) {
                helper.setVarObjectiveCoefficient(v, c * OBJECTIVE_SCALE);
            }
            helper.setVarName(v, model.variableName(j));
        }
        for (int i = 0; i < model.rows(); i++) {
            int c = helper.addLinearConstraint();
            helper.setConstraintLowerBound(c, model.rowLower(i));
            helper.setConstraintUpperBound(c, model.rowUpper(i));
            helper.setConstraintName(c, model.rowName(i));
            for (int k = model.rowStart(i); k < model.rowEnd(i); k++) {
                helper.addConstraintTerm(c, model.column(k), model.coefficient(k));
            }
        }
        helper.setMaximize(false);
        return helper;
    }

    /** (c2) the Java MPModelProto written to a file, which the model builder reads natively. */
    public static ModelBuilderHelper builderFromProtoFile(MipModel model, Path file) throws IOException {
        try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(file), 1 << 16)) {
            proto(model, true).writeTo(out);
        }
        return readFile(file);
    }

    /**
     * (c3) the MPModelProto's bytes streamed straight from the MipModel's arrays to a file (no
     * Java proto objects), which the model builder reads natively.
     */
    public static ModelBuilderHelper builderFromStreamedFile(MipModel model, Path file) throws IOException {
        try (OutputStream out = Files.newOutputStream(file)) {
            writeProtoBytes(model, out);
        }
        return readFile(file);
    }

    private static ModelBuilderHelper readFile(Path file) {
        ModelBuilderHelper helper = new ModelBuilderHelper();
        if (!helper.readModelFromProtoFile(file.toString())) {
            helper.delete();
            throw new IllegalStateException("readModelFromProtoFile failed on " + file);
        }
        return helper;
    }

    /** Writes the bytes of {@code proto(model, true)} without building it (field order may differ). */
    public static void writeProtoBytes(MipModel model, OutputStream stream) throws IOException {
        CodedOutputStream out = CodedOutputStream.newInstance(stream, 1 << 16);
        out.writeBool(MPModelProto.MAXIMIZE_FIELD_NUMBER, false);
        for (int j = 0; j < model.variables(); j++) {
            String name = model.variableName(j);
            double objective = model.objective(j) * OBJECTIVE_SCALE;
            int size = CodedOutputStream.computeDoubleSize(MPVariableProto.LOWER_BOUND_FIELD_NUMBER, 0)
                    + CodedOutputStream.computeDoubleSize(MPVariableProto.UPPER_BOUND_FIELD_NUMBER, 0)
                    + CodedOutputStream.computeDoubleSize(MPVariableProto.OBJECTIVE_COEFFICIENT_FIELD_NUMBER, 0)
                    + CodedOutputStream.computeBoolSize(MPVariableProto.IS_INTEGER_FIELD_NUMBER, false)
                    + CodedOutputStream.computeStringSize(MPVariableProto.NAME_FIELD_NUMBER, name);
            out.writeTag(MPModelProto.VARIABLE_FIELD_NUMBER, WireFormat.WIRETYPE_LENGTH_DELIMITED);
            out.writeUInt32NoTag(size);
            out.writeDouble(MPVariableProto.LOWER_BOUND_FIELD_NUMBER, model.lower(j));
            out.writeDouble(MPVariableProto.UPPER_BOUND_FIELD_NUMBER, model.upper(j));
            out.writeDouble(MPVariableProto.OBJECTIVE_COEFFICIENT_FIELD_NUMBER, objective);
            out.writeBool(MPVariableProto.IS_INTEGER_FIELD_NUMBER, model.isInteger(j));
            out.writeString(MPVariableProto.NAME_FIELD_NUMBER, name);
        }
        for (int i = 0; i < model.rows(); i++) {
            String name = model.rowName(i);
            int from = model.rowStart(i);
            int to = model.rowEnd(i);
            int indexBytes = 0;
            for (int k = from; k < to; k++) {
                indexBytes += CodedOutputStream.computeInt32SizeNoTag(model.column(k));
            }
            int coefBytes = 8 * (to - from);
            int size = CodedOutputStream.computeDoubleSize(MPConstraintProto.LOWER_BOUND_FIELD_NUMBER, 0)
                    + CodedOutputStream.computeDoubleSize(MPConstraintProto.UPPER_BOUND_FIELD_NUMBER, 0)
                    + CodedOutputStream.computeStringSize(MPConstraintProto.NAME_FIELD_NUMBER, name);
            if (to > from) {
                size += CodedOutputStream.computeTagSize(MPConstraintProto.VAR_INDEX_FIELD_NUMBER)
                        + CodedOutputStream.computeUInt32SizeNoTag(indexBytes) + indexBytes
                        + CodedOutputStream.computeTagSize(MPConstraintProto.COEFFICIENT_FIELD_NUMBER)
                        + CodedOutputStream.computeUInt32SizeNoTag(coefBytes) + coefBytes;
            }
            out.writeTag(MPModelProto.CONSTRAINT_FIELD_NUMBER, WireFormat.WIRETYPE_LENGTH_DELIMITED);
            out.writeUInt32NoTag(size);
            out.writeDouble(MPConstraintProto.LOWER_BOUND_FIELD_NUMBER, model.rowLower(i));
            out.writeDouble(MPConstraintProto.UPPER_BOUND_FIELD_NUMBER, model.rowUpper(i));
            out.writeString(MPConstraintProto.NAME_FIELD_NUMBER, name);
            if (to > from) {
                out.writeTag(MPConstraintProto.VAR_INDEX_FIELD_NUMBER, WireFormat.WIRETYPE_LENGTH_DELIMITED);
                out.writeUInt32NoTag(indexBytes);
                for (int k = from; k < to; k++) {
                    out.writeInt32NoTag(model.column(k));
                }
                out.writeTag(MPConstraintProto.COEFFICIENT_FIELD_NUMBER, WireFormat.WIRETYPE_LENGTH_DELIMITED);
                out.writeUInt32NoTag(coefBytes);
                for (int k = from; k < to; k++) {
                    out.writeDoubleNoTag(model.coefficient(k));
                }
            }
        }
        out.flush();
    }
}
