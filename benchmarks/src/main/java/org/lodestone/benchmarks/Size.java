package org.lodestone.benchmarks;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

import org.lodestone.domain.Instance;
import org.lodestone.generate.InstanceGenerator;
import org.lodestone.generate.InstanceGenerator.GeneratorSpec;
import org.lodestone.io.InstanceReader;
import org.lodestone.validate.InvalidInputException;

/**
 * The benchmark sizes: the instances of {@code instances/generated/}, all seed 1. They are
 * regenerated with {@link InstanceGenerator} (the same arguments give the same file byte for
 * byte), so the benchmark jar runs from any folder.
 *
 * <p>Every benchmark forks its JVM with a fixed, pre-touched heap ({@code -Xms2g -Xmx2g
 * -XX:+AlwaysPreTouch}): on a virtual machine whose memory is backed lazily, the first touch of
 * each page costs more than the code being measured (building the large model took 0.3 to
 * 3 s with a growing heap and 43 ms with a pre-touched one), and it varies with what else runs.
 */
public enum Size {
    tiny(3, 4, 2, 2, 3, 1),
    small(5, 10, 5, 4, 5, 2),
    medium(10, 25, 12, 8, 6, 3),
    large(10, 60, 30, 20, 8, 4),
    /**
     * The real instance, {@code instances/indo-pacific-2026.json}, read from the folder the jar
     * runs in (the repository root) or from {@code -Dbench.real=FILE}.
     */
    real;

    private final GeneratorSpec spec;

    Size(int years, int mines, int refineries, int buyers, int elements, int scenarios) {
        this.spec = new GeneratorSpec(years, mines, refineries, buyers, elements, scenarios, 1);
    }

    Size() {
        this.spec = null;
    }

    /** The generator's arguments; null for the real instance. */
    public GeneratorSpec spec() {
        return spec;
    }

    private static final Map<Size, Path> FILES = new EnumMap<>(Size.class);

    /** The instance as a JSON file (generated once per JVM into a temporary folder). */
    public synchronized Path file() {
        if (spec == null) {
            Path file = Path.of(System.getProperty("bench.real", "instances/indo-pacific-2026.json"));
            if (!Files.isRegularFile(file)) {
                throw new IllegalStateException("the real instance is not at " + file.toAbsolutePath()
                        + "; run from the repository root or pass -Dbench.real=FILE");
            }
            return file;
        }
        return FILES.computeIfAbsent(this, size -> {
            try {
                Path file = Files.createTempFile("lodestone-bench-", "-" + size.spec.fileName());
                file.toFile().deleteOnExit();
                Files.writeString(file, InstanceGenerator.generateJson(size.spec), StandardCharsets.UTF_8);
                return file;
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
    }

    /** The instance, read and validated as {@code lodestone solve} does. */
    public Instance instance() {
        try {
            return InstanceReader.read(file(), List.of());
        } catch (InvalidInputException e) {
            throw new IllegalStateException("instance " + this + " is invalid: " + e.getMessage(), e);
        }
    }
}
