package org.lodestone.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

/** What `package` made: spark-home/ (Spark alone) and app/ (the rest), and versions shared with the core. */
class ModuleLayoutIT {
    private static final Path HOME = Path.of(System.getProperty("lodestone.spark.home", "target/spark-home"));
    private static final Path APP = Path.of(System.getProperty("lodestone.spark.app", "target/app"));

    @Test
    void sparkHomeAndAppShareNoJarAndTheEngineKnowsSparkHome() throws IOException {
        Set<String> spark = names(HOME.resolve("jars"));
        Set<String> app = names(APP);
        assertTrue(Files.isRegularFile(HOME.resolve("RELEASE")), "Spark's launcher finds jars/ beside RELEASE");
        Set<String> both = new TreeSet<>(spark);
        both.retainAll(app);
        assertEquals(Set.of(), both, "no jar in both folders");
        assertEquals(spark, SparkEngine.sparkJarNames(), "the list built into the engine is spark-home's jars");

        for (String prefix : new String[] {"lodestone-0", "lodestone-spark-", "ortools-java-", "ortools-linux-x86-64-",
                "jna-", "picocli-"}) {
            assertTrue(app.stream().anyMatch(n -> n.startsWith(prefix)), prefix + " in app/: " + app);
        }
        assertTrue(app.stream().noneMatch(n -> n.startsWith("jackson-") || n.startsWith("spark-")
                || n.startsWith("scala-") || n.startsWith("protobuf-") || n.startsWith("snakeyaml")), app.toString());
        // one Jackson: the core's version, for Spark too
        String jackson = property(Path.of("../pom.xml"), "jackson.version");
        assertTrue(spark.contains("jackson-databind-" + jackson + ".jar"), spark.toString());
        assertEquals(1, spark.stream().filter(n -> n.startsWith("jackson-databind-")).count());
        assertEquals(1, spark.stream().filter(n -> n.startsWith("protobuf-java-")).count());
    }

    @Test
    void theModuleUsesTheCoresJacksonAndJUnit() throws IOException {
        for (String name : new String[] {"jackson.version", "junit.version"}) {
            assertEquals(property(Path.of("../pom.xml"), name), property(Path.of("pom.xml"), name), name);
        }
    }

    @Test
    void theLauncherGivesSparkTheOptionsTheTestsUse() throws IOException {
        Matcher m = Pattern.compile("spark_java_options=\\(([^)]*)\\)").matcher(Files.readString(Path.of("../lodestone")));
        assertTrue(m.find(), "spark_java_options=( ... ) in ../lodestone");
        List<String> launcher = Arrays.asList(m.group(1).trim().split("\\s+"));
        List<String> pom = Arrays.asList(System.getProperty("lodestone.spark.javaOptions", "").trim().split("\\s+"));
        assertEquals(pom, launcher);
    }

    private static Set<String> names(Path dir) throws IOException {
        try (Stream<Path> s = Files.list(dir)) {
            return s.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(".jar"))
                    .collect(Collectors.toCollection(TreeSet::new));
        }
    }

    private static String property(Path pom, String name) throws IOException {
        Matcher m = Pattern.compile("<" + Pattern.quote(name) + ">([^<]+)</").matcher(Files.readString(pom));
        assertTrue(m.find(), name + " in " + pom);
        return m.group(1).trim();
    }
}
