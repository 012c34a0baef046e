package org.lodestone;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

/**
 * Nothing in the repository cites a file a user's clone does not have (issue 12, point 11): the
 * specification the project was built from lives outside it, and the clone has its own
 * references instead ({@code models/instance-reference.md}, {@code models/plan-reference.md},
 * {@code models/formulation.md}). Every tracked file (or, without git, every file but build
 * output) is searched for a path into the outside folder and for the outside documents' names.
 */
class NoExternalReferencesTest {
    /** Written in pieces, so that this file does not match itself. */
    private static final Pattern FORBIDDEN = Pattern.compile(String.join("|",
            Pattern.quote(".." + "/shared"),
            Pattern.quote("/work/" + "shared"),
            Pattern.quote("spec" + "/"),
            "(?<![-\\w])" + "model(-v2)?" + "\\.md",
            Pattern.quote("plan-and-" + "cli")));

    @Test
    void noTrackedFileCitesTheOutsideSpecification() throws Exception {
        List<String> found = new ArrayList<>();
        List<Path> files = files();
        assertTrue(files.size() > 100, "expected the repository's files, found " + files.size());
        for (Path file : files) {
            if (!Files.isRegularFile(file)) {
                continue;
            }
            // Latin-1 reads every byte as a character: corpus files in other encodings are searched too
            String text = new String(Files.readAllBytes(file), StandardCharsets.ISO_8859_1);
            String[] lines = text.split("\n", -1);
            for (int i = 0; i < lines.length; i++) {
                Matcher m = FORBIDDEN.matcher(lines[i]);
                if (m.find()) {
                    found.add(file + ":" + (i + 1) + ": " + m.group() + " in: " + lines[i].strip());
                }
            }
        }
        assertTrue(found.isEmpty(), () -> "cite the repository's own references instead:\n  "
                + String.join("\n  ", found));
    }

    /** The files git tracks, or every file outside .git and build folders when git cannot say. */
    private static List<Path> files() throws IOException, InterruptedException {
        try {
            Process git = new ProcessBuilder("git", "ls-files", "-z").redirectErrorStream(false).start();
            byte[] out = git.getInputStream().readAllBytes();
            if (git.waitFor(60, TimeUnit.SECONDS) && git.exitValue() == 0 && out.length > 0) {
                List<Path> files = new ArrayList<>();
                for (String name : new String(out, StandardCharsets.UTF_8).split("\0")) {
                    if (!name.isEmpty()) {
                        files.add(Path.of(name));
                    }
                }
                return files;
            }
        } catch (IOException noGit) {
            // fall through: walk the folder
        }
        try (Stream<Path> walk = Files.walk(Path.of("."))) {
            return walk.filter(Files::isRegularFile)
                    .filter(p -> !p.startsWith("./.git") && !p.startsWith("./target")
                            && !p.startsWith("./benchmarks/target"))
                    .toList();
        }
    }
}
