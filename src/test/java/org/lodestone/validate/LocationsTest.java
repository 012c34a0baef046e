package org.lodestone.validate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import org.junit.jupiter.api.Test;

/** A problem's path as the JSON Pointer {@code --set} takes, with the ids of the list entries on the way. */
class LocationsTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    private static JsonNode tree(String json) throws Exception {
        return JSON.readTree(json.replace('\'', '"'));
    }

    @Test
    void listEntriesAreNamedByTheirIds() throws Exception {
        JsonNode root = tree("{'mines': [{'id': 'mt-weld', 'capacity': -5}],"
                + " 'scenarios': [{'id': 'base'}, {'id': 'cutoff', 'costFactors': [{'factor': -1}]}]}");
        assertEquals(new Problem.Location("/mines/0/capacity", List.of("mines[0] is \"mt-weld\"")),
                Locations.of(root, "mines[0].capacity"));
        assertEquals(new Problem.Location("/scenarios/1/costFactors/0/factor", List.of("scenarios[1] is \"cutoff\"")),
                Locations.of(root, "scenarios[1].costFactors[0].factor"));
        assertEquals("mines[0].capacity: must be >= 0, got -5  [mines[0] is \"mt-weld\"; --set /mines/0/capacity]",
                new Problem("mines[0].capacity", "must be >= 0, got -5").at(Locations.of(root, "mines[0].capacity"))
                        .toString());
    }

    @Test
    void keysWithDotsSlashesAndTildesAreTheTreesOwn() throws Exception {
        JsonNode root = tree("{'mines': [{'basket': {'Nd.Pr': 2, 'Nd': 0.1, 'a/b~c': 3}}]}");
        assertEquals("/mines/0/basket/Nd.Pr", Locations.of(root, "mines[0].basket.Nd.Pr").pointer());
        assertEquals("/mines/0/basket/Nd", Locations.of(root, "mines[0].basket.Nd").pointer());
        assertEquals("/mines/0/basket/a~1b~0c", Locations.of(root, "mines[0].basket.a/b~c").pointer());
        assertEquals(List.of(), Locations.of(root, "mines[0].basket.Nd").ids(), "no id, none named");
    }

    @Test
    void pastTheTreeThePathIsSplitAtDotsAndBrackets() throws Exception {
        JsonNode root = tree("{'buyers': [{'id': 'b1'}], 'elements': 5}");
        assertEquals("/buyers/0/demand", Locations.of(root, "buyers[0].demand").pointer());
        assertEquals("/buyers/3/demand/NdPr/2", Locations.of(root, "buyers[3].demand.NdPr[2]").pointer());
        assertEquals("/elements/0/price/2026", Locations.of(root, "elements[0].price.2026").pointer());
        assertNull(Locations.of(root, ""), "the document itself has no place to --set");
    }

    @Test
    void theOtherProblemsOfAListKeepTheirWords() throws Exception {
        JsonNode root = tree("{'name': 5}");
        List<Problem> located = Locations.locate(List.of(new Problem("", "the document is empty"),
                new Problem("name", "expected a string, got 5")), root);
        assertEquals("the document is empty", located.get(0).toString());
        assertEquals("name: expected a string, got 5  [--set /name]", located.get(1).toString());
        assertEquals("expected a string, got 5 (in b.json)",
                located.get(1).withMessage("expected a string, got 5 (in b.json)").message());
        assertEquals(located.get(1).location(), located.get(1).withMessage("other words").location());
    }
}
