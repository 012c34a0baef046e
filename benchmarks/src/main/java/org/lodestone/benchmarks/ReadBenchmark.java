package org.lodestone.benchmarks;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

import com.fasterxml.jackson.databind.JsonNode;

import org.lodestone.domain.Instance;
import org.lodestone.io.InstanceReader;
import org.lodestone.validate.InstanceValidator;
import org.lodestone.validate.InvalidInputException;
import org.lodestone.validate.Problem;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Reading an instance file: {@code parse} (JSON to tree, duplicate keys rejected),
 * {@code validate} (every rule of the format on the tree) and {@code read} (the whole of
 * {@link InstanceReader#read}: parse, validate and map to records).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Fork(value = 1, jvmArgsAppend = {"-Xms2g", "-Xmx2g", "-XX:+AlwaysPreTouch"})
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
public class ReadBenchmark {
    @Param({"tiny", "small", "medium", "large"})
    public Size size;

    private Path file;
    private JsonNode tree;

    @Setup
    public void setUp() throws InvalidInputException {
        file = size.file();
        tree = InstanceReader.readTree(file);
    }

    @Benchmark
    public JsonNode parse() throws InvalidInputException {
        return InstanceReader.readTree(file);
    }

    @Benchmark
    public List<Problem> validate() {
        return InstanceValidator.validate(tree);
    }

    @Benchmark
    public Instance read() throws InvalidInputException {
        return InstanceReader.read(file, List.of());
    }
}
