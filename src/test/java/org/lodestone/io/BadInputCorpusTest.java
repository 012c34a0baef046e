package org.lodestone.io;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestReporter;
import org.junit.jupiter.api.function.Executable;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.lodestone.cli.LodestoneCommand;

/**
 * The bad-input corpus of {@code src/test/resources/bad-inputs/}: every file there is a case of
 * {@code expected.tsv} (command line, exit code, problem lines), run through the real command line.
 * Each case must exit with its code, list exactly its number of problems with each expected line
 * ("path: message"), leave stdout empty and show no stack trace or parser internals.
 */
class BadInputCorpusTest {
    private static final String MANIFEST = "expected.tsv";
    /** Files of the folder that are not cases. */
    private static final Set<String> NOT_CASES = Set.of(MANIFEST, "README.md");
    private static final String ABSENT = "absent:";
    /** Every case, even 100 000 values or 10 000 levels of nesting, answers well within this. */
    private static final long MAX_MILLIS = 20_000;
    private static final Pattern COUNT = Pattern.compile("(\\d+) problems:");

    /** One expected line of stderr: {@code path: message}, the message exact or (substring) a part. */
    record Line(String path, String message, boolean substring) {
        boolean matches(String line) {
            String l = line.strip();
            if (path.isEmpty()) {
                return substring ? l.contains(message) : l.equals(message);
            }
            String prefix = path + ": ";
            return l.startsWith(prefix) && (substring ? l.substring(prefix.length()).contains(message)
                    : l.substring(prefix.length()).equals(message));
        }

        @Override
        public String toString() {
            return (path.isEmpty() ? "" : path + ": ") + (substring ? "…" + message + "…" : message);
        }
    }

    record Case(String file, List<String> args, int exit, int problems, List<Line> lines) {
        @Override
        public String toString() {
            return file + " (" + String.join(" ", args) + ")";
        }
    }

    record Run(int exit, String out, String err, long millis) {}

    static Path folder() {
        try {
            return Path.of(BadInputCorpusTest.class.getResource("/bad-inputs/" + MANIFEST).toURI()).getParent();
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    static Path resources() {
        return folder().getParent();
    }

    /** The manifest's cases, in its order; rows of one file are one case. */
    static List<Case> cases() {
        List<String> rows;
        try {
            rows = Files.readAllLines(folder().resolve(MANIFEST), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Map<String, Case> cases = new LinkedHashMap<>();
        for (int i = 0; i < rows.size(); i++) {
            String row = rows.get(i);
            if (row.isBlank() || row.startsWith("#")) {
                continue;
            }
            String[] c = row.split("\t", -1);
            if (c.length != 6) {
                throw new IllegalStateException(MANIFEST + " line " + (i + 1) + ": expected 6 columns, got "
                        + c.length + ": " + row);
            }
            String message = c[5];
            boolean substring = message.startsWith("~");
            Line line = new Line(c[4].equals("-") ? "" : c[4], substring ? message.substring(1) : message, substring);
            List<String> args = List.of(c[1].split(" "));
            int exit = Integer.parseInt(c[2]);
            int problems = Integer.parseInt(c[3]);
            Case existing = cases.get(c[0]);
            if (existing == null) {
                cases.put(c[0], new Case(c[0], args, exit, problems, new ArrayList<>(List.of(line))));
            } else if (!existing.args().equals(args) || existing.exit() != exit || existing.problems() != problems) {
                throw new IllegalStateException(MANIFEST + " line " + (i + 1) + ": " + c[0]
                        + " has other args, exit or problems than on its first row");
            } else {
                existing.lines().add(line);
            }
        }
        return List.copyOf(cases.values());
    }

    static Run run(Case c) {
        List<String> args = new ArrayList<>();
        for (String a : c.args()) {
            if (a.equals("{}")) {
                args.add(path(c.file()).toString());
            } else if (a.startsWith("res:/")) {
                args.add(resources().resolve(a.substring("res:/".length())).toString());
            } else if (a.startsWith("@")) {
                args.add(folder().resolve(a.substring(1)).toString());
            } else {
                args.add(a);
            }
        }
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        long t = System.nanoTime();
        int exit = LodestoneCommand.commandLine(new PrintWriter(out, true), new PrintWriter(err, true))
                .execute(args.toArray(String[]::new));
        return new Run(exit, out.toString(), err.toString(), (System.nanoTime() - t) / 1_000_000);
    }

    static Path path(String file) {
        return folder().resolve(file.startsWith(ABSENT) ? file.substring(ABSENT.length()) : file);
    }

    /** How many problems stderr lists: "N problems:" and N lines, or one line. */
    static int problemCount(String err) {
        List<String> lines = err.lines().filter(l -> !l.isBlank()).toList();
        Matcher m = lines.isEmpty() ? null : COUNT.matcher(lines.get(0));
        if (m != null && m.matches()) {
            int n = Integer.parseInt(m.group(1));
            return lines.size() - 1 == n ? n : -1;
        }
        return lines.size();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void answersEachBadInputWithItsProblems(Case c) {
        Run r = run(c);
        String shown = c + " gave exit " + r.exit() + " in " + r.millis() + " ms\n--- stderr\n"
                + abbreviate(r.err()) + "--- stdout\n" + abbreviate(r.out());
        List<Executable> checks = new ArrayList<>();
        checks.add(() -> assertEquals(c.exit(), r.exit(), shown));
        checks.add(() -> assertEquals("", r.out(), "nothing on stdout: " + shown));
        checks.add(() -> assertFalse(r.err().contains("\tat ") || r.err().contains("Exception")
                || r.err().contains("Error:") || r.err().contains("StackOverflow"), "a stack trace: " + shown));
        checks.add(() -> assertFalse(r.err().contains("com.fasterxml") || r.err().contains("org.yaml")
                || r.err().contains("StreamReadConstraints") || r.err().contains("JsonReadFeature"),
                "parser internals: " + shown));
        checks.add(() -> assertEquals(c.problems(), problemCount(r.err()), "number of problems: " + shown));
        checks.add(() -> assertTrue(r.millis() < MAX_MILLIS, "slow: " + shown));
        for (Line line : c.lines()) {
            checks.add(() -> assertTrue(r.err().lines().anyMatch(line::matches),
                    "expected the line " + line + "\n" + shown));
        }
        assertAll(checks.stream());
    }

    private static String abbreviate(String s) {
        return s.length() <= 4000 ? s : s.substring(0, 4000) + "… (" + s.length() + " characters)\n";
    }

    /** Every file of the folder is a case, every case's file is there (or, "absent:", is not). */
    @Test
    void everyFileIsACaseAndEveryCaseHasItsFile(TestReporter reporter) throws IOException {
        Set<String> inFolder;
        try (Stream<Path> entries = Files.list(folder())) {
            inFolder = entries.map(p -> p.getFileName().toString())
                    .filter(n -> !n.startsWith(".") && !NOT_CASES.contains(n))
                    .collect(Collectors.toCollection(TreeSet::new));
        }
        List<Case> cases = cases();
        Set<String> present = new TreeSet<>();
        Set<String> absent = new TreeSet<>();
        for (Case c : cases) {
            (c.file().startsWith(ABSENT) ? absent : present).add(c.file());
        }
        Set<String> referenced = cases.stream().flatMap(c -> c.args().stream())
                .filter(a -> a.startsWith("@")).map(a -> a.substring(1)).collect(Collectors.toSet());
        Set<String> orphans = new TreeSet<>(inFolder);
        orphans.removeAll(present);
        Set<String> missing = new TreeSet<>(present);
        missing.removeAll(inFolder);
        Set<String> danglingReferences = new TreeSet<>(referenced);
        danglingReferences.removeAll(inFolder);
        reporter.publishEntry("bad-input corpus", cases.size() + " cases, " + inFolder.size() + " files, "
                + absent.size() + " absent files");
        System.out.println("bad-input corpus: " + cases.size() + " cases (" + inFolder.size() + " files, "
                + absent.size() + " absent)");
        assertAll(
                () -> assertEquals(Set.of(), orphans, "files of bad-inputs/ that no case of " + MANIFEST + " uses"),
                () -> assertEquals(Set.of(), missing, "cases of " + MANIFEST + " whose file is not in bad-inputs/"),
                () -> assertEquals(Set.of(), danglingReferences, "@files of " + MANIFEST + " not in bad-inputs/"),
                () -> assertTrue(absent.stream().noneMatch(a -> Files.exists(path(a))),
                        "an absent: file exists: " + absent),
                () -> assertTrue(cases.size() >= 150, "the corpus shrank to " + cases.size() + " cases"));
    }

    // ---------------------------------------------------------------- decisions that are not bad inputs

    /**
     * Negative zero is zero: where 0 is allowed ({@code capacity >= 0}, a basket share in [0, 1]) -0.0
     * is accepted; where it is not ({@code price > 0}) -0.0 fails like 0 (case negative-zero-price.json).
     */
    @Test
    void negativeZeroIsAcceptedWhereZeroIs(@TempDir Path tmp) throws IOException {
        String base = Files.readString(resources().resolve("instances/base.json"));
        String edited = base.replace("\"capacity\": 1000,", "\"capacity\": -0.0,")
                .replace("\"Dy\": 0.01}", "\"Dy\": -0.0}").replace("\"riskWeight\": 2,", "\"riskWeight\": -0,");
        assertFalse(edited.equals(base));
        Path file = Files.writeString(tmp.resolve("negative-zero.json"), edited);
        Run r = run(new Case("negative-zero.json", List.of("validate", file.toString()), 0, 0, List.of()));
        assertEquals(0, r.exit(), r.err());
        assertEquals("", r.err());
    }

    /** SnakeYAML stops at 3 MB by default; a YAML instance may be as large as its JSON twin. */
    @Test
    @Tag("slow")
    void aYamlInstanceLargerThanThreeMegabytesIsRead(@TempDir Path tmp) throws IOException {
        String base = Files.readString(resources().resolve("instances/base.yaml"));
        StringBuilder sources = new StringBuilder("sources:\n");
        for (int i = 0; sources.length() < 3_500_000; i++) {
            sources.append("  - {what: source number ").append(i).append(", ref: a reference}\n");
        }
        String text = base.replace("sources:\n", sources.toString());
        Path file = Files.writeString(tmp.resolve("large.yaml"), text);
        Run r = run(new Case("large.yaml", List.of("validate", file.toString()), 0, 0, List.of()));
        assertEquals(0, r.exit(), r.err());
    }
}
