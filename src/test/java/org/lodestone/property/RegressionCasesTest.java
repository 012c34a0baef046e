package org.lodestone.property;

import static org.junit.jupiter.api.Assertions.assertFalse;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.lodestone.io.InstanceReader;

/**
 * The instances kept in {@code src/test/resources/regressions/} (shrunk counterexamples of
 * {@link PlanPropertiesTest} and instances picked for the rules they make bind), each solved on
 * every backend with the three checks of {@link PlanChecks}. How to add one: the README in that
 * folder.
 */
class RegressionCasesTest {
    static Path folder() throws URISyntaxException {
        return Path.of(RegressionCasesTest.class.getResource("/regressions/README.md").toURI()).getParent();
    }

    static Stream<String> files() throws IOException, URISyntaxException {
        try (Stream<Path> list = Files.list(folder())) {
            return list.map(p -> p.getFileName().toString())
                    .filter(n -> n.endsWith(".json") || n.endsWith(".yaml") || n.endsWith(".yml"))
                    .sorted()
                    .toList()
                    .stream();
        }
    }

    @Test
    void theFolderIsNotEmpty() throws Exception {
        List<String> found = files().toList();
        assertFalse(found.isEmpty(), "no instance in " + folder());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("files")
    void plansAreRightOnEveryBackend(String file) throws Exception {
        Path path = folder().resolve(file);
        PlanChecks.check(InstanceReader.readTree(path), Path.of("src/test/resources/regressions", file));
    }
}
