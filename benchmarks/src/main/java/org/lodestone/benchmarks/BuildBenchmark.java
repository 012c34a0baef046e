package org.lodestone.benchmarks;

import java.util.concurrent.TimeUnit;

import org.lodestone.domain.Instance;
import org.lodestone.model.MipModel;
import org.lodestone.model.SourcingModel;
import org.openjdk.jmh.annotations.AuxCounters;
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
import org.openjdk.jmh.annotations.Warmup;

/**
 * Building the model: {@link SourcingModel#build} from an instance in memory. {@code build}
 * gives the time per model; {@code buildRate} the same work as models per second with the
 * columns, rows and nonzeros built per second as secondary results.
 */
@State(Scope.Benchmark)
@Fork(value = 1, jvmArgsAppend = {"-Xms2g", "-Xmx2g", "-XX:+AlwaysPreTouch"})
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
public class BuildBenchmark {
    @Param({"tiny", "small", "medium", "large"})
    public Size size;

    private Instance instance;

    @Setup
    public void setUp() {
        instance = size.instance();
    }

    /** Columns, rows and nonzeros built, reported per second next to the models per second. */
    @State(Scope.Thread)
    @AuxCounters(AuxCounters.Type.OPERATIONS)
    public static class Built {
        public long variables;
        public long rows;
        public long nonzeros;

        @Setup(Level.Iteration)
        public void reset() {
            variables = 0;
            rows = 0;
            nonzeros = 0;
        }
    }

    @Benchmark
    @BenchmarkMode(Mode.AverageTime)
    @OutputTimeUnit(TimeUnit.MILLISECONDS)
    public SourcingModel build() {
        return SourcingModel.build(instance);
    }

    @Benchmark
    @BenchmarkMode(Mode.Throughput)
    @OutputTimeUnit(TimeUnit.SECONDS)
    public SourcingModel buildRate(Built built) {
        SourcingModel model = SourcingModel.build(instance);
        MipModel mip = model.mip();
        built.variables += mip.variables();
        built.rows += mip.rows();
        built.nonzeros += mip.nonzeros();
        return model;
    }
}
