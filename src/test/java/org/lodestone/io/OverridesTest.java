package org.lodestone.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.lodestone.validate.InvalidInputException;
import org.lodestone.validate.Problem;

class OverridesTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    private static JsonNode doc() throws Exception {
        return JSON.readTree("""
                {"buyers": [{"id": "b", "mandate": {"minShare": 1}}],
                 "a/b": {"c~d": 1},
                 "list": [1, 2, 3],
                 "name": "x"}
                """);
    }

    private static JsonNode set(String assignment) throws Exception {
        JsonNode root = doc();
        Overrides.apply(root, assignment);
        return root;
    }

    @Test
    void replacesAnExistingValue() throws Exception {
        JsonNode root = set("/buyers/0/mandate/minShare=0.5");
        assertEquals(0.5, root.at("/buyers/0/mandate/minShare").doubleValue());
        assertTrue(root.at("/buyers/0/mandate/minShare").isNumber());
    }

    @Test
    void addsANewFieldToAnExistingObject() throws Exception {
        JsonNode root = set("/buyers/0/maxCountryShare=0.7");
        assertEquals(0.7, root.at("/buyers/0/maxCountryShare").doubleValue());
    }

    @Test
    void replacesAWholeObject() throws Exception {
        JsonNode root = set("/buyers/0/mandate={\"excludeTags\": [\"feoc\"]}");
        assertEquals(JSON.readTree("{\"excludeTags\": [\"feoc\"]}"), root.at("/buyers/0/mandate"));
    }

    @Test
    void escapesInPointer() throws Exception {
        JsonNode root = set("/a~1b/c~0d=2");
        assertEquals(2, root.get("a/b").get("c~d").intValue());
    }

    @Test
    void arrayIndexReplacesAndSizeOrDashAppends() throws Exception {
        assertEquals(JSON.readTree("[1, 9, 3]"), set("/list/1=9").get("list"));
        assertEquals(JSON.readTree("[1, 2, 3, 4]"), set("/list/3=4").get("list"));
        assertEquals(JSON.readTree("[1, 2, 3, 4]"), set("/list/-=4").get("list"));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "/name=12           | 12",
        "/name=-1.5e3       | -1500.0",
        "/name=true         | true",
        "/name=null         | null",
        "/name=[1, 2]       | [1,2]",
        "/name={\"a\": 1}   | {\"a\":1}",
        "/name=\"quoted\"   | \"quoted\"",
        "/name=\"12\"       | \"12\"",
        "/name=plain text   | \"plain text\"",
        "/name=2026abc      | \"2026abc\"",
        "/name=NaN          | \"NaN\"",
        "/name=a=b          | \"a=b\"",
    })
    void valueIsJsonWhenItParsesElseAString(String assignment, String expectedJson) throws Exception {
        assertEquals(JSON.readTree(expectedJson), set(assignment.strip()).get("name"));
    }

    @Test
    void emptyValueIsTheEmptyString() throws Exception {
        assertEquals("", set("/name=").get("name").textValue());
    }

    @Test
    void missingParentIsAnError() {
        InvalidInputException e = assertThrows(InvalidInputException.class,
                () -> set("/buyers/7/mandate=1"));
        assertEquals(new Problem("/buyers/7/mandate", "--set: no such path \"/buyers/7/mandate\" in the instance"),
                e.problems().get(0));
    }

    @Test
    void otherBadPaths() {
        for (String bad : new String[] {
            "/nothing/here=1", // parent field missing
            "/list/5=1", // index beyond size
            "/list/01=1", // leading zero is not an index
            "/list/x=1", // not an index
            "/name/first=1", // parent is a string
        }) {
            String ptr = bad.substring(0, bad.indexOf('='));
            InvalidInputException e = assertThrows(InvalidInputException.class, () -> set(bad), bad);
            assertEquals(ptr, e.problems().get(0).path());
            assertEquals("--set: no such path \"" + ptr + "\" in the instance", e.problems().get(0).message());
        }
    }

    @Test
    void missingEqualsSign() {
        InvalidInputException e = assertThrows(InvalidInputException.class, () -> set("/name"));
        assertEquals("--set: expected PATH=VALUE, e.g. /discountRate=0.05, got \"/name\"",
                e.problems().get(0).message());
    }

    @Test
    void pathMustBeAPointer() {
        InvalidInputException e = assertThrows(InvalidInputException.class, () -> set("name=1"));
        assertTrue(e.problems().get(0).message().startsWith("--set: the path must be a JSON Pointer"));
        assertThrows(InvalidInputException.class, () -> set("=1"));
    }

    @Test
    void badEscape() {
        InvalidInputException e = assertThrows(InvalidInputException.class, () -> set("/a~2b=1"));
        assertEquals("/a~2b", e.problems().get(0).path());
        assertTrue(e.problems().get(0).message().contains("~0"));
    }
}
