package org.lodestone.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 12, point 10: a validation message names its field also as the JSON Pointer {@code --set}
 * takes, and pasting that pointer into {@code --set} addresses the very field the message is
 * about: setting a good value there makes exactly that problem go away. Covered: a list entry, a
 * series keyed by year, a series written as a list, and map keys holding a dot, a slash and a
 * tilde (which the pointer writes {@code ~1} and {@code ~0}).
 */
class ValidationPointerTest {
    private static final Pattern LINE = Pattern.compile("^ *(\\S.*?): (.*)  \\[(.*; )?--set (\\S+)\\]$");
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path tmp;

    /** quickstart with five values broken; each key the dotted path of a problem, each value a good value for it. */
    private Path broken(Map<String, String> fixes) throws Exception {
        ObjectNode root = (ObjectNode) JSON.readTree(Path.of("instances/quickstart.json").toFile());
        ArrayNode elements = (ArrayNode) root.get("elements");
        elements.addObject().put("id", "Dy.Tb").put("price", 500000);
        elements.addObject().put("id", "Nd/Pr~1").put("price", 90000);
        ObjectNode mine = (ObjectNode) root.get("mines").get(0);
        mine.put("capacity", -5);
        fixes.put("mines[0].capacity", "25000");
        ((ObjectNode) mine.get("basket")).put("Dy.Tb", 2.0);
        fixes.put("mines[0].basket.Dy.Tb", "0.001");
        ((ObjectNode) mine.get("basket")).put("Nd/Pr~1", -1.0);
        fixes.put("mines[0].basket.Nd/Pr~1", "0.01");
        ((ObjectNode) elements.get(0)).putObject("price").put("2026", 80000).put("2028", -90000);
        fixes.put("elements[0].price.2028", "90000");
        ObjectNode buyer = (ObjectNode) root.get("buyers").get(1);
        ((ObjectNode) buyer.get("demand")).putArray("Dy").add(600).add(600).add(-1).add(600).add(600);
        fixes.put("buyers[1].demand.Dy[2]", "600");
        Path file = tmp.resolve("broken.json");
        JSON.writeValue(file.toFile(), root);
        return file;
    }

    /** The problem lines of a run: dotted path → pointer. */
    private static Map<String, String> pointers(CliTest.Run r) {
        Map<String, String> out = new LinkedHashMap<>();
        for (String line : r.err().split("\n")) {
            Matcher m = LINE.matcher(line);
            if (m.matches()) {
                out.put(m.group(1), m.group(4));
            }
        }
        return out;
    }

    @Test
    void thePointerOfAProblemPastedIntoSetFixesThatProblem() throws Exception {
        Map<String, String> fixes = new LinkedHashMap<>();
        String file = broken(fixes).toString();
        CliTest.Run r = CliTest.run("validate", file);
        assertEquals(ExitCodes.BAD_INPUT, r.exit(), r.err());
        Map<String, String> pointers = pointers(r);
        assertEquals(fixes.keySet(), pointers.keySet(), "every problem, each with its pointer: " + r.err());
        assertEquals("/mines/0/basket/Nd~1Pr~01", pointers.get("mines[0].basket.Nd/Pr~1"));
        assertTrue(r.err().contains("mines[0].capacity: must be >= 0, got -5  [mines[0] is \"mt-weld\"; "
                + "--set /mines/0/capacity]"), r.err());

        List<String> all = new ArrayList<>(List.of("validate", file));
        for (Map.Entry<String, String> fix : fixes.entrySet()) {
            String pointer = pointers.get(fix.getKey());
            CliTest.Run one = CliTest.run("validate", file, "--set", pointer + "=" + fix.getValue());
            Map<String, String> left = pointers(one);
            assertFalse(left.containsKey(fix.getKey()), () -> "--set " + pointer + " did not reach "
                    + fix.getKey() + ": " + one.err());
            assertEquals(fixes.size() - 1, left.size(), () -> "--set " + pointer + " changed another field: "
                    + one.err());
            all.addAll(List.of("--set", pointer + "=" + fix.getValue()));
        }
        CliTest.Run fixed = CliTest.run(all.toArray(String[]::new));
        assertEquals(0, fixed.exit(), fixed.err());
        assertTrue(fixed.out().contains("is valid"), fixed.out());
    }

    @Test
    void problemsOfFilesAndOfSetItselfHaveNoPointer() throws Exception {
        CliTest.Run missing = CliTest.run("validate", tmp.resolve("none.json").toString());
        assertFalse(missing.err().contains("--set /"), missing.err());
        CliTest.Run badSet = CliTest.run("validate", "instances/quickstart.json", "--set", "/nowhere/0=1");
        assertEquals("/nowhere/0: --set: no such path \"/nowhere/0\" in the instance\n", badSet.err());
    }
}
