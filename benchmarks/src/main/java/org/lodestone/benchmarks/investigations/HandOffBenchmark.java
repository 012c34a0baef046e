package org.lodestone.benchmarks.investigations;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

import com.google.ortools.Loader;
import com.google.ortools.linearsolver.MPModelProto;
import com.google.ortools.linearsolver.MPSolver;
import com.google.ortools.modelbuilder.ModelBuilderHelper;

import org.lodestone.benchmarks.Size;
import org.lodestone.model.MipModel;
import org.lodestone.model.SourcingModel;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * From a built {@link MipModel} to "solver ready to solve", the solve excluded: which way of
 * handing a model to OR-Tools is fastest. The MPSolver (SCIP) is created outside the timing
 * ({@link #createScip} times that alone); native objects are freed outside the timing too.
 *
 * <ul>
 *   <li>{@code a_perCoefficient}: MPSolver.makeVar / makeConstraint / setCoefficient, one JNI call each
 *   <li>{@code b_protoLoad}: one MPModelProto through MPSolver.loadModelFromProto (what Lodestone does)
 *   <li>{@code b_protoLoadUnnamed}: the same without column and row names
 *   <li>{@code b_protoBuildOnly}: only the Java side of (b): building the MPModelProto
 *   <li>{@code c1_builderPerCall}: ModelBuilderHelper's per-call API
 *   <li>{@code c2_builderProtoFile}: the MPModelProto written to a file, ModelBuilderHelper.readModelFromProtoFile
 *   <li>{@code c3_builderStreamedFile}: proto bytes streamed from the MipModel's arrays, then read as in (c2)
 * </ul>
 *
 * The model builder keeps the model as a native MPModelProto and gives it to the solver at
 * solve time (for SCIP directly, without an MPSolver); an MPSolver after (a) or (b) holds its
 * own native model, which it extracts into SCIP at solve time. Neither extraction is timed here.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Fork(value = 1, jvmArgsAppend = {"-Xms2g", "-Xmx2g", "-XX:+AlwaysPreTouch"})
@Warmup(iterations = 2, time = 3)
@Measurement(iterations = 5, time = 3)
public class HandOffBenchmark {
    @Param({"medium", "large"})
    public Size size;

    private MipModel model;
    private Path file;

    private MPSolver solver;
    private ModelBuilderHelper helper;

    @Setup(Level.Trial)
    public void setUp() throws IOException {
        Loader.loadNativeLibraries();
        model = SourcingModel.build(size.instance()).mip();
        file = Files.createTempFile("lodestone-handoff-", ".pb");
        file.toFile().deleteOnExit();
    }

    @Setup(Level.Invocation)
    public void newSolver() {
        solver = MPSolver.createSolver("SCIP");
    }

    @TearDown(Level.Invocation)
    public void free() {
        if (solver != null) {
            solver.delete();
            solver = null;
        }
        if (helper != null) {
            helper.delete();
            helper = null;
        }
    }

    @TearDown(Level.Trial)
    public void tearDown() throws IOException {
        Files.deleteIfExists(file);
    }

    @Benchmark
    public MPSolver createScip() {
        MPSolver created = MPSolver.createSolver("SCIP");
        created.delete();
        return created;
    }

    @Benchmark
    public int a_perCoefficient() {
        HandOff.perCoefficient(solver, model);
        return solver.numConstraints();
    }

    @Benchmark
    public int b_protoLoad() {
        HandOff.loadProto(solver, model, true);
        return solver.numConstraints();
    }

    @Benchmark
    public int b_protoLoadUnnamed() {
        HandOff.loadProto(solver, model, false);
        return solver.numConstraints();
    }

    @Benchmark
    public MPModelProto b_protoBuildOnly() {
        return HandOff.proto(model, true);
    }

    @Benchmark
    public int c1_builderPerCall() {
        helper = HandOff.builderPerCall(model);
        return helper.numConstraints();
    }

    @Benchmark
    public int c2_builderProtoFile() throws IOException {
        helper = HandOff.builderFromProtoFile(model, file);
        return helper.numConstraints();
    }

    @Benchmark
    public int c3_builderStreamedFile() throws IOException {
        helper = HandOff.builderFromStreamedFile(model, file);
        return helper.numConstraints();
    }
}
