package org.lodestone;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.lodestone.cli.LodestoneCommand;

/**
 * The README's examples, run as a reader pastes them: every {@code ./lodestone} line of its
 * {@code sh} blocks must succeed, and every output it quotes must be what the command prints (a
 * quoted output may leave lines out with a "..." line). Files the commands write go to a
 * temporary folder instead of the clone.
 */
public class ReadmeTest {
    private static final Path README = Path.of("README.md");
    private static final Set<String> WRITES = Set.of("-o", "--output", "--report", "--output-dir", "--out");
    private static final Pattern SECONDS = Pattern.compile("\\d+\\.\\d+ s\\b");
    /**
     * "`./lodestone solve x.json` prints:" introduces the quoted output of that command;
     * "… reports on stderr:" its quoted stderr (bad input: the command fails, as quoted).
     */
    private static final Pattern PRINTS = Pattern.compile("^`(\\./lodestone [^`]+)` (prints|reports on stderr):$");

    @TempDir
    Path tmp;

    /** A fenced block: its info string, its lines, and the prose line before it. */
    record Block(String info, List<String> lines, String before, int line) {}

    static List<Block> blocks() throws IOException {
        List<String> lines = Files.readAllLines(README);
        List<Block> blocks = new ArrayList<>();
        for (int i = 0; i < lines.size(); i++) {
            if (!lines.get(i).startsWith("```")) {
                continue;
            }
            String info = lines.get(i).substring(3).trim();
            int start = i;
            List<String> body = new ArrayList<>();
            for (i++; i < lines.size() && !lines.get(i).startsWith("```"); i++) {
                body.add(lines.get(i));
            }
            String before = "";
            for (int j = start - 1; j >= 0; j--) {
                if (!lines.get(j).isBlank()) {
                    before = lines.get(j);
                    break;
                }
            }
            blocks.add(new Block(info, body, before, start + 1));
        }
        return blocks;
    }

    @Test
    void everyCommandRunsAndEveryQuotedOutputIsWhatItPrints() throws IOException {
        Map<String, Path> written = new HashMap<>();
        List<Block> blocks = blocks();
        int commands = 0;
        int outputs = 0;
        String lastCommand = null;
        for (Block block : blocks) {
            if (block.info().equals("sh")) {
                List<String> inBlock = new ArrayList<>();
                for (String line : block.lines()) {
                    String command = line.replaceAll("\\s+#.*$", "").trim();
                    if (command.startsWith("lodestone ")) {
                        throw new AssertionError("README line " + block.line() + ": write ./lodestone, as a reader "
                                + "types it in the clone: " + command);
                    }
                    if (command.startsWith("./lodestone ")) {
                        Run r = run(command, written);
                        assertEquals(0, r.exit(), "README block at line " + block.line() + ": " + command + "\n" + r.err());
                        inBlock.add(command);
                        commands++;
                    }
                }
                lastCommand = inBlock.size() == 1 ? inBlock.get(0) : null;
                continue;
            }
            Matcher prints = PRINTS.matcher(block.before());
            // an untagged block right after a one-command sh block is that command's output
            String command = prints.matches() ? prints.group(1)
                    : block.info().isEmpty() && block.before().equals("```") ? lastCommand : null;
            boolean stderr = prints.matches() && prints.group(2).startsWith("reports");
            lastCommand = null;
            if (command == null || !block.info().isEmpty()) {
                continue;
            }
            Run r = run(command, written);
            assertQuoted(block, command, stderr ? r.err() : r.out());
            outputs++;
        }
        assertTrue(commands >= 5, "the README's sh blocks hold " + commands + " commands");
        assertTrue(outputs >= 2, "the README quotes " + outputs + " outputs");
    }

    /** Each run of quoted lines between "..." lines appears in the output, in order. */
    private static void assertQuoted(Block block, String command, String output) {
        String actual = mask(output);
        int from = 0;
        List<String> segment = new ArrayList<>();
        List<List<String>> segments = new ArrayList<>();
        for (String line : block.lines()) {
            if (line.trim().equals("...")) {
                segments.add(segment);
                segment = new ArrayList<>();
            } else {
                segment.add(line);
            }
        }
        segments.add(segment);
        for (List<String> s : segments) {
            if (s.isEmpty()) {
                continue;
            }
            String text = mask(String.join("\n", s));
            int at = actual.indexOf(text, from);
            assertTrue(at >= 0, "README block at line " + block.line() + " quotes output that `" + command
                    + "` does not print (from \"" + s.get(0) + "\"):\n--- quoted\n" + text + "\n--- printed\n" + actual);
            from = at + text.length();
        }
    }

    private static String mask(String text) {
        return SECONDS.matcher(text).replaceAll("#.## s").replace("\r", "");
    }

    record Run(int exit, String out, String err) {}

    /** Runs one README line in-process; files it would write land in the temporary folder. */
    private Run run(String command, Map<String, Path> written) {
        List<String> words = words(command.substring("./lodestone ".length()));
        List<String> args = new ArrayList<>();
        for (int i = 0; i < words.size(); i++) {
            String word = words.get(i);
            if (WRITES.contains(word) && i + 1 < words.size()) {
                String name = words.get(++i);
                Path target = tmp.resolve(Path.of(name).getFileName().toString());
                written.put(name, target);
                args.add(word);
                args.add(target.toString());
            } else {
                args.add(written.containsKey(word) ? written.get(word).toString() : word);
            }
        }
        if ((args.get(0).equals("saa") || args.get(0).equals("evaluate")) && !args.contains("--master")) {
            // Spark is a module of its own, not on this test's class path: the same futures run on
            // threads (the spark module's tests show both engines give the same rows)
            args.add("--master");
            args.add("threads[2]");
        }
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int exit = LodestoneCommand.commandLine(new PrintWriter(out, true), new PrintWriter(err, true))
                .execute(args.toArray(String[]::new));
        return new Run(exit, out.toString(), err.toString());
    }

    /** Splits a command line as a POSIX shell would for the quoting the README uses ('…' and "…"). */
    public static List<String> words(String line) {
        List<String> words = new ArrayList<>();
        StringBuilder word = new StringBuilder();
        boolean inWord = false;
        char quote = 0;
        for (char c : line.toCharArray()) {
            if (quote != 0) {
                if (c == quote) {
                    quote = 0;
                } else {
                    word.append(c);
                }
            } else if (c == '\'' || c == '"') {
                quote = c;
                inWord = true;
            } else if (Character.isWhitespace(c)) {
                if (inWord) {
                    words.add(word.toString());
                    word.setLength(0);
                    inWord = false;
                }
            } else {
                word.append(c);
                inWord = true;
            }
        }
        if (inWord) {
            words.add(word.toString());
        }
        return words;
    }

    @Test
    void wordsAreSplitAsTheShellSplitsThem() {
        assertEquals(List.of("solve", "a.json", "--set", "/x/0/y=[]", "--set", "/n=a b"),
                words("solve a.json --set '/x/0/y=[]' --set \"/n=a b\""));
        assertFalse(words("  ").iterator().hasNext());
    }
}
