package org.lodestone.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.lodestone.domain.Instance;
import org.lodestone.validate.InstanceValidator;
import org.lodestone.validate.InvalidInputException;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/** Every conformance instance (src/test/resources/conformance) is valid and reads cleanly. */
class ConformanceReadTest {
    static Path dir() throws URISyntaxException {
        return Path.of(ConformanceReadTest.class.getResource("/conformance").toURI());
    }

    static List<Path> instances() throws IOException, URISyntaxException {
        try (Stream<Path> files = Files.list(dir())) {
            return files.filter(p -> p.getFileName().toString().endsWith(".json"))
                    .filter(p -> !p.getFileName().toString().equals("expected.json"))
                    .sorted()
                    .toList();
        }
    }

    @Test
    void allCasesArePresent() throws Exception {
        assertEquals(25, instances().size());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("instances")
    void readsWithoutProblem(Path file) throws InvalidInputException {
        assertEquals(List.of(), InstanceValidator.validate(InstanceReader.readTree(file)));
        Instance instance = InstanceReader.read(file, List.of());
        assertTrue(instance.horizon().years() >= 1);
        double total = instance.scenarios().stream().mapToDouble(s -> s.probability()).sum();
        assertEquals(1.0, total, 1e-9);
    }

    @Test
    void t11PriceSeriesAndDefaults() throws Exception {
        Instance t11 = InstanceReader.read(dir().resolve("t11_freight_tariff_factors.json"), List.of());
        assertEquals(100000, t11.elements().get(0).price().at(0));
        assertEquals(1e6, t11.elements().get(0).shortfallPenalty()); // 10 x price over Y only
        assertEquals(0.8, t11.refineries().get(0).recovery("NdPr"));
        assertEquals(2, t11.scenarios().size());
        assertEquals(1.5, t11.scenarios().get(1).demandFactors().get(0).factor());
    }
}
