package org.lodestone.validate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.core.JsonPointer;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import org.junit.jupiter.api.Test;
import org.lodestone.TestInstances;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * One failing input per rule of instance-reference.md §12 and per field type of §6. Each case mutates the valid
 * document {@code instances/base.json} with JSON Pointer edits: {@code "/a/b=JSON"} sets (the
 * last token {@code -} appends to a list), {@code "-/a/b"} removes.
 */
class InstanceValidatorTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    static JsonNode base() {
        try (InputStream in = InstanceValidatorTest.class.getResourceAsStream("/instances/base.json")) {
            return JSON.readTree(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static JsonNode mutate(String... edits) {
        JsonNode root = base();
        for (String edit : edits) {
            boolean remove = edit.startsWith("-/");
            String ptr = remove ? edit.substring(1) : edit.substring(0, edit.indexOf('='));
            JsonPointer pointer = JsonPointer.compile(ptr);
            JsonNode parent = root.at(pointer.head());
            String last = pointer.last().getMatchingProperty();
            if (remove) {
                if (parent instanceof ArrayNode a) {
                    a.remove(Integer.parseInt(last));
                } else {
                    ((ObjectNode) parent).remove(last);
                }
                continue;
            }
            JsonNode value;
            try {
                value = JSON.readTree(edit.substring(edit.indexOf('=') + 1));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            if (parent instanceof ArrayNode a) {
                if (last.equals("-")) {
                    a.add(value);
                } else {
                    a.set(Integer.parseInt(last), value);
                }
            } else {
                ((ObjectNode) parent).set(last, value);
            }
        }
        return root;
    }

    private static Arguments c(String rule, String path, String message, String... edits) {
        return Arguments.of(rule, path, message, edits);
    }

    static Stream<Arguments> invalid() {
        return Stream.of(
                // ---- structure and field types
                c("missing required field", "name", "missing required field", "-/name"),
                c("missing required nested field", "mines[0].cost", "missing required field", "-/mines/0/cost"),
                c("missing required list", "buyers", "missing required field", "-/buyers"),
                c("missing required expansion field", "refineries[0].expansion.leadTime", "missing required field",
                        "-/refineries/0/expansion/leadTime"),
                c("unknown root field", "colour", "unknown field \"colour\"", "/colour=\"red\""),
                c("unknown field, with hint", "mines[0].capacty",
                        "unknown field \"capacty\" (did you mean \"capacity\"?)", "/mines/0/capacty=5"),
                c("unknown field in horizon", "horizon.end", "unknown field \"end\"", "/horizon/end=2030"),
                c("unknown field in expansion", "mines[0].expansion.size", "unknown field \"size\"",
                        "/mines/0/expansion/size=1"),
                c("unknown field in mandate", "buyers[0].mandate.share", "unknown field \"share\"",
                        "/buyers/0/mandate/share=1"),
                c("unknown field in factor", "scenarios[1].capacityFactors[0].buyer", "unknown field \"buyer\"",
                        "/scenarios/1/capacityFactors/0/buyer=\"b1\""),
                c("unknown field in route", "lanes.routes[0].mode", "unknown field \"mode\"",
                        "/lanes/routes/0/mode=\"sea\""),
                c("unknown field in source", "sources[0].url", "unknown field \"url\"", "/sources/0/url=\"x\""),
                c("string expected", "name", "expected a string, got 5", "/name=5"),
                c("number expected", "countries[0].risk", "expected a number, got \"high\"",
                        "/countries/0/risk=\"high\""),
                c("boolean is not a number", "discountRate", "expected a number, got true", "/discountRate=true"),
                c("null is not a number", "riskWeight", "expected a number, got null", "/riskWeight=null"),
                c("list expected", "mines", "expected a list, got an object", "/mines={}"),
                c("object expected", "mines[0].basket", "expected an object, got a list", "/mines/0/basket=[]"),
                c("list entry must be an object", "tariffs[0]", "expected an object, got 5", "/tariffs/0=5"),
                c("list of strings expected", "refineries[0].accepts", "expected a list of strings, got \"standard\"",
                        "/refineries/0/accepts=\"standard\""),
                c("string list entry", "countries[0].tags[1]", "expected a string, got 1",
                        "/countries/0/tags/-=1"),
                c("lanes must be an object", "lanes", "expected an object, got 5", "/lanes=5"),
                c("mandate must be an object", "buyers[0].mandate", "expected an object, got true",
                        "/buyers/0/mandate=true"),
                c("source missing ref", "sources[0].ref", "missing required field", "-/sources/0/ref"),
                c("infinite number", "mines[0].capacity", "must be a finite number, got Infinity",
                        "/mines/0/capacity=1e400"),
                // ---- schema and horizon
                c("schema", "schema", "must be \"lodestone/1\" or \"lodestone/2\", got \"lodestone/3\"",
                        "/schema=\"lodestone/3\""),
                c("years >= 1", "horizon.years", "must be at least 1, got 0", "/horizon/years=0"),
                c("years integer", "horizon.years", "must be a whole number, got 2.5", "/horizon/years=2.5"),
                c("years sanity bound", "horizon.years", "must be at most 1000, got 5000", "/horizon/years=5000"),
                c("huge whole number", "horizon.years", "is too large, got 1.0E12", "/horizon/years=1e12"),
                c("start is a year", "horizon.start", "expected a year (a whole number), got \"2026\"",
                        "/horizon/start=\"2026\""),
                // ---- ids
                c("empty id", "countries[2].id", "must not be empty", "/countries/2/id=\"\""),
                c("id must be a string", "elements[0].id", "expected a string, got 5", "/elements/0/id=5"),
                c("missing id", "buyers[0].id", "missing required field", "-/buyers/0/id"),
                c("duplicate element id", "elements[2].id", "duplicate id \"NdPr\" (also elements[0])",
                        "/elements/-={\"id\": \"NdPr\", \"price\": 1}"),
                c("duplicate country id", "countries[3].id", "duplicate id \"AU\" (also countries[0])",
                        "/countries/-={\"id\": \"AU\", \"risk\": 0}"),
                c("mines and refineries share ids", "refineries[0].id", "duplicate id \"m1\" (also mines[0])",
                        "/refineries/0/id=\"m1\"", "/contracts/1/facility=\"m1\""),
                c("duplicate buyer id", "buyers[1].id", "duplicate id \"b1\" (also buyers[0])",
                        "/buyers/-={\"id\": \"b1\", \"country\": \"US\", \"demand\": {}}"),
                c("duplicate contract id", "contracts[1].id", "duplicate id \"k1\" (also contracts[0])",
                        "/contracts/1/id=\"k1\""),
                c("duplicate scenario id", "scenarios[1].id", "duplicate id \"calm\" (also scenarios[0])",
                        "/scenarios/1/id=\"calm\""),
                // ---- references
                c("mine country", "mines[0].country", "unknown country \"XX\"", "/mines/0/country=\"XX\""),
                c("refinery country", "refineries[0].country", "unknown country \"XX\"",
                        "/refineries/0/country=\"XX\""),
                c("buyer country", "buyers[0].country", "unknown country \"XX\"", "/buyers/0/country=\"XX\""),
                c("basket element", "mines[3].basket.Nd", "unknown element \"Nd\"",
                        "/mines/-={\"id\": \"m3\", \"country\": \"AU\", \"cost\": 1, \"basket\": {}}",
                        "/mines/-={\"id\": \"m4\", \"country\": \"AU\", \"cost\": 1, \"basket\": {\"Nd\": 0.1}}"),
                c("recovery element", "refineries[0].recovery.Tb", "unknown element \"Tb\"",
                        "/refineries/0/recovery/Tb=0.5"),
                c("demand element", "buyers[0].demand.Tb", "unknown element \"Tb\"", "/buyers/0/demand/Tb=5"),
                c("buyer penalty element", "buyers[0].shortfallPenalty.Tb", "unknown element \"Tb\"",
                        "/buyers/0/shortfallPenalty/Tb=5"),
                c("substitute element", "buyers[0].substitutes[0].element", "unknown element \"Tb\"",
                        "/buyers/0/substitutes/0/element=\"Tb\""),
                c("mandate excluded country", "buyers[0].mandate.excludeCountries[0]", "unknown country \"XX\"",
                        "/buyers/0/mandate/excludeCountries/0=\"XX\""),
                c("contract facility", "contracts[0].facility", "unknown facility \"m9\"",
                        "/contracts/0/facility=\"m9\""),
                c("capacity factor country", "scenarios[1].capacityFactors[0].country", "unknown country \"XX\"",
                        "/scenarios/1/capacityFactors/0/country=\"XX\""),
                c("cost factor facility", "scenarios[1].costFactors[0].facility", "unknown facility \"zz\"",
                        "/scenarios/1/costFactors/0/facility=\"zz\""),
                c("demand factor buyer", "scenarios[1].demandFactors[0].buyer", "unknown buyer \"b9\"",
                        "/scenarios/1/demandFactors/0/buyer=\"b9\""),
                c("demand factor element", "scenarios[1].demandFactors[0].element", "unknown element \"Tb\"",
                        "/scenarios/1/demandFactors/0/element=\"Tb\""),
                c("tariff from", "tariffs[0].from", "unknown country \"XX\"", "/tariffs/0/from=\"XX\""),
                c("tariff to", "tariffs[0].to", "unknown country \"XX\"", "/tariffs/0/to=\"XX\""),
                c("export control country", "exportControls[0].country", "unknown country \"XX\"",
                        "/exportControls/0/country=\"XX\""),
                c("export control element", "exportControls[0].elements[0]", "unknown element \"Tb\"",
                        "/exportControls/0/elements/0=\"Tb\""),
                c("export control destination", "exportControls[0].allowedDestinations[1]",
                        "unknown country \"XX\"", "/exportControls/0/allowedDestinations=[\"US\", \"XX\"]"),
                c("scenario export control", "scenarios[1].exportControls[0].allowedDestinations[0]",
                        "unknown country \"XX\"", "/scenarios/1/exportControls/0/allowedDestinations/0=\"XX\""),
                c("route country", "lanes.routes[0].between[1]", "unknown country \"XX\"",
                        "/lanes/routes/0/between/1=\"XX\""),
                // ---- quantities and prices
                c("negative capacity", "mines[0].capacity", "must be >= 0, got -5", "/mines/0/capacity=-5"),
                c("negative cost", "refineries[0].cost", "must be >= 0, got -1", "/refineries/0/cost=-1"),
                c("negative demand", "buyers[0].demand.NdPr", "must be >= 0, got -100",
                        "/buyers/0/demand/NdPr=-100"),
                c("negative in a list series", "buyers[0].demand.Dy[1]", "must be >= 0, got -6",
                        "/buyers/0/demand/Dy/1=-6"),
                c("negative in a year series", "mines[1].capacity.2028", "must be >= 0, got -1",
                        "/mines/1/capacity/2028=-1"),
                c("price must be positive", "elements[0].price", "must be > 0, got 0", "/elements/0/price=0"),
                c("negative surplus price", "elements[1].surplusPrice.2027", "must be >= 0, got -1",
                        "/elements/1/surplusPrice/2027=-1"),
                c("negative element penalty", "elements[0].shortfallPenalty", "must be >= 0, got -1",
                        "/elements/0/shortfallPenalty=-1"),
                c("negative buyer penalty", "buyers[0].shortfallPenalty.Dy", "must be >= 0, got -1",
                        "/buyers/0/shortfallPenalty/Dy=-1"),
                c("negative contract price", "contracts[0].price", "must be >= 0, got -4500",
                        "/contracts/0/price=-4500"),
                c("negative minPerYear", "contracts[1].minPerYear", "must be >= 0, got -1",
                        "/contracts/1/minPerYear=-1"),
                c("negative signing cost", "contracts[0].signingCost", "must be >= 0, got -1",
                        "/contracts/0/signingCost=-1"),
                c("negative substitute cost", "buyers[0].substitutes[0].cost", "must be >= 0, got -1",
                        "/buyers/0/substitutes/0/cost=-1"),
                c("negative freight default", "lanes.default", "must be >= 0, got -1", "/lanes/default=-1"),
                c("negative domestic freight", "lanes.domestic", "must be >= 0, got -1", "/lanes/domestic=-1"),
                c("negative route cost", "lanes.routes[0].cost", "must be >= 0, got -150",
                        "/lanes/routes/0/cost=-150"),
                c("negative capex", "refineries[0].expansion.capexFixed", "must be >= 0, got -1",
                        "/refineries/0/expansion/capexFixed=-1"),
                c("negative capex per module", "refineries[0].expansion.capexPerModule", "must be >= 0, got -1",
                        "/refineries/0/expansion/capexPerModule=-1"),
                c("negative fixed opex", "refineries[0].expansion.fixedOpexPerYear", "must be >= 0, got -1",
                        "/refineries/0/expansion/fixedOpexPerYear=-1"),
                c("negative factor", "scenarios[1].costFactors[0].factor", "must be >= 0, got -1",
                        "/scenarios/1/costFactors/0/factor=-1"),
                c("negative demand factor", "scenarios[1].demandFactors[0].factor", "must be >= 0, got -0.5",
                        "/scenarios/1/demandFactors/0/factor=-0.5"),
                c("negative risk weight", "riskWeight", "must be >= 0, got -2", "/riskWeight=-2"),
                c("negative risk budget", "riskBudget", "must be >= 0, got -1", "/riskBudget=-1"),
                c("negative discount rate", "discountRate", "must be >= 0, got -0.01", "/discountRate=-0.01"),
                c("negative tariff", "tariffs[0].rate", "must be >= 0, got -0.1", "/tariffs/0/rate=-0.1"),
                c("module size positive", "mines[0].expansion.moduleSize", "must be > 0, got 0",
                        "/mines/0/expansion/moduleSize=0"),
                c("probability positive", "scenarios[0].probability", "must be > 0, got 0",
                        "/scenarios/0/probability=0"),
                // ---- fractions and integers
                c("risk fraction", "countries[0].risk", "must be in [0, 1], got 1.3", "/countries/0/risk=1.3"),
                c("basket share", "mines[1].basket.NdPr", "must be in [0, 1], got -0.1",
                        "/mines/1/basket/NdPr=-0.1"),
                c("substitute maxShare", "buyers[0].substitutes[0].maxShare", "must be in [0, 1], got 1.2",
                        "/buyers/0/substitutes/0/maxShare=1.2"),
                c("requiresOfftake", "refineries[0].expansion.requiresOfftake", "must be in [0, 1], got 1.5",
                        "/refineries/0/expansion/requiresOfftake=1.5"),
                c("minShare series", "buyers[0].mandate.minShare.2027", "must be in [0, 1], got 1.5",
                        "/buyers/0/mandate/minShare/2027=1.5"),
                c("recovery above 0", "refineries[0].recovery.NdPr", "must be in (0, 1], got 0",
                        "/refineries/0/recovery/NdPr=0"),
                c("default recovery at most 1", "refineries[0].recovery.*", "must be in (0, 1], got 1.2",
                        "/refineries/0/recovery/*=1.2"),
                c("maxCountryShare above 0", "buyers[0].maxCountryShare", "must be in (0, 1], got 0",
                        "/buyers/0/maxCountryShare=0"),
                c("maxModules >= 1", "mines[0].expansion.maxModules", "must be at least 1, got 0",
                        "/mines/0/expansion/maxModules=0"),
                c("maxModules integer", "mines[0].expansion.maxModules", "must be a whole number, got 1.5",
                        "/mines/0/expansion/maxModules=1.5"),
                c("leadTime >= 0", "mines[0].expansion.leadTime", "must be at least 0, got -1",
                        "/mines/0/expansion/leadTime=-1"),
                c("year integer", "buyers[0].substitutes[0].fromYear", "must be a year (a whole number), got 2026.5",
                        "/buyers/0/substitutes/0/fromYear=2026.5"),
                c("basket sum", "mines[0].basket", "shares add up to 1.005, must be at most 1",
                        "/mines/0/basket/NdPr=0.995"),
                // ---- series shape
                c("series wrong length", "elements[1].price", "expected 3 values (one per year), got 2",
                        "/elements/1/price=[1, 2]"),
                c("series first key after start", "mines[1].capacity",
                        "first year 2027 is after the start year 2026", "/mines/1/capacity={\"2027\": 1}"),
                c("series key not a year", "mines[1].capacity.soon",
                        "expected a year such as \"2026\" as key, got \"soon\"", "/mines/1/capacity/soon=5"),
                c("series value not a number", "mines[1].capacity.2026", "expected a number, got \"a lot\"",
                        "/mines/1/capacity/2026=\"a lot\""),
                c("series list value not a number", "elements[1].price[2]", "expected a number, got \"x\"",
                        "/elements/1/price/2=\"x\""),
                c("series of the wrong type", "mines[0].cost",
                        "expected a number, a list of one number per year, or an object keyed by year, got \"cheap\"",
                        "/mines/0/cost=\"cheap\""),
                c("empty year series", "mines[0].cost", "needs at least one year", "/mines/0/cost={}"),
                // ---- year ranges
                c("export control years", "exportControls[0].toYear", "toYear 2026 is before fromYear 2027",
                        "/exportControls/0/toYear=2026"),
                c("contract years", "contracts[1].toYear", "toYear 2025 is before fromYear 2026",
                        "/contracts/1/toYear=2025"),
                c("expansion start window", "refineries[0].expansion.latestStart",
                        "latestStart 2024 is before earliestStart 2025", "/refineries/0/expansion/latestStart=2024"),
                c("factor years", "scenarios[1].capacityFactors[0].toYear", "toYear 2026 is before fromYear 2027",
                        "/scenarios/1/capacityFactors/0/toYear=2026"),
                // ---- scenarios
                c("probabilities sum", "scenarios", "probabilities add up to 1.25, must add up to 1",
                        "/scenarios/1/probability=0.5"),
                c("empty scenario list", "scenarios", "must list at least one scenario", "/scenarios=[]"),
                c("factor names country and facility", "scenarios[1].costFactors[0]",
                        "names both a country and a facility", "/scenarios/1/costFactors/0/country=\"AU\""),
                // ---- contracts
                c("maxPerYear below minPerYear", "contracts[0].maxPerYear",
                        "must be at least minPerYear (100), got 50", "/contracts/0/maxPerYear=50"),
                c("contract status", "contracts[0].status", "must be \"signed\" or \"optional\", got \"maybe\"",
                        "/contracts/0/status=\"maybe\""),
                // ---- lanes
                c("route pair twice (reversed)", "lanes.routes[1].between",
                        "a second route between \"US\" and \"AU\" (also lanes.routes[0])",
                        "/lanes/routes/-={\"between\": [\"US\", \"AU\"], \"cost\": 1}"),
                c("route to itself", "lanes.routes[0].between", "a route must join two different countries",
                        "/lanes/routes/0/between=[\"AU\", \"AU\"]"),
                c("route needs 2 countries", "lanes.routes[0].between", "expected exactly 2 country ids, got 3",
                        "/lanes/routes/0/between=[\"AU\", \"US\", \"CN\"]"),
                c("route between is a list", "lanes.routes[0].between", "expected a list of 2 country ids, got \"AU\"",
                        "/lanes/routes/0/between=\"AU\""),
                // ---- enumerations
                c("mandate stage", "buyers[0].mandate.stages[0]", "must be \"mining\" or \"refining\", got \"smelting\"",
                        "/buyers/0/mandate/stages/0=\"smelting\""),
                c("export control stage", "exportControls[0].stage",
                        "must be \"concentrate\", \"oxide\" or \"both\", got \"ore\"", "/exportControls/0/stage=\"ore\""));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("invalid")
    void reportsEachRuleWithItsPath(String rule, String path, String message, String[] edits) {
        List<Problem> problems = InstanceValidator.validate(mutate(edits));
        assertEquals(1, problems.size(), () -> rule + ": expected exactly one problem, got " + problems);
        Problem p = problems.get(0);
        assertEquals(path, p.path(), () -> rule + ": " + p);
        assertTrue(p.message().contains(message), () -> rule + ": expected \"" + message + "\" in " + p);
    }

    @Test
    void baseDocumentIsValid() {
        assertEquals(List.of(), InstanceValidator.validate(base()));
    }

    // ---------------------------------------------------------------- model version 2

    /** base.json with every version-2 field ({@link TestInstances#VERSION_2_EDITS}), then {@code edits}. */
    static JsonNode mutateV2(String... edits) {
        List<String> all = new ArrayList<>(TestInstances.VERSION_2_EDITS);
        all.addAll(List.of(edits));
        return mutate(all.toArray(String[]::new));
    }

    /** One failing input per version-2 rule (instance-reference.md §12, its version-2 checks), each giving exactly one problem, message exact. */
    static Stream<Arguments> invalidV2() {
        return Stream.of(
                // ---- Rule 10 ramp-up
                c("rampUp not empty", "mines[0].expansion.rampUp",
                        "must list at least one share (leave \"rampUp\" out for full capacity from the first year online)",
                        "/mines/0/expansion/rampUp=[]"),
                c("rampUp share above 0", "mines[0].expansion.rampUp[0]", "must be in (0, 1], got 0",
                        "/mines/0/expansion/rampUp=[0, 1]"),
                c("rampUp share at most 1", "refineries[0].expansion.rampUp[2]", "must be in (0, 1], got 1.2",
                        "/refineries/0/expansion/rampUp/2=1.2"),
                c("rampUp is a list", "mines[0].expansion.rampUp", "expected a list of numbers, got 0.5",
                        "/mines/0/expansion/rampUp=0.5"),
                // ---- §7.8 build delays
                c("delay names country and facility", "scenarios[1].buildDelays[0]",
                        "names both a country and a facility; give at most one of them",
                        "/scenarios/1/buildDelays/0/facility=\"m1\""),
                c("delay years >= 0", "scenarios[1].buildDelays[1].years", "must be at least 0, got -1",
                        "/scenarios/1/buildDelays/1/years=-1"),
                c("delay years whole", "scenarios[1].buildDelays[1].years", "must be a whole number, got 0.5",
                        "/scenarios/1/buildDelays/1/years=0.5"),
                c("delay country", "scenarios[1].buildDelays[0].country", "unknown country \"XX\"",
                        "/scenarios/1/buildDelays/0/country=\"XX\""),
                c("delay facility", "scenarios[1].buildDelays[1].facility", "unknown facility \"r9\"",
                        "/scenarios/1/buildDelays/1/facility=\"r9\""),
                c("delay years required", "scenarios[1].buildDelays[0].years", "missing required field",
                        "-/scenarios/1/buildDelays/0/years"),
                // ---- §7.6 market prices
                c("price factor >= 0", "scenarios[1].priceFactors[0].factor", "must be >= 0, got -0.5",
                        "/scenarios/1/priceFactors/0/factor=-0.5"),
                c("price factor element", "scenarios[1].priceFactors[1].element", "unknown element \"Tb\"",
                        "/scenarios/1/priceFactors/1/element=\"Tb\""),
                c("price factor years", "scenarios[1].priceFactors[1].toYear", "toYear 2026 is before fromYear 2027",
                        "/scenarios/1/priceFactors/1/toYear=2026"),
                // ---- Rule 9 indexed prices
                c("price and priceIndex", "contracts[2].priceIndex", "give either \"price\" or \"priceIndex\", not both",
                        "/contracts/2/price=3000"),
                c("neither price nor priceIndex", "contracts[2].price", "missing required field (or give \"priceIndex\")",
                        "-/contracts/2/priceIndex"),
                c("index share > 0", "contracts[2].priceIndex.share", "must be > 0, got 0",
                        "/contracts/2/priceIndex/share=0"),
                c("index floor >= 0", "contracts[2].priceIndex.floor", "must be >= 0, got -1",
                        "/contracts/2/priceIndex/floor=-1"),
                c("index cap >= floor", "contracts[2].priceIndex.cap", "must be at least floor (1500), got 1000",
                        "/contracts/2/priceIndex/cap=1000"),
                c("index cap >= default floor 0", "contracts[2].priceIndex.cap", "must be >= 0, got -5",
                        "-/contracts/2/priceIndex/floor", "/contracts/2/priceIndex/cap=-5"),
                c("index element", "contracts[2].priceIndex.element", "unknown element \"Tb\"",
                        "/contracts/2/priceIndex/element=\"Tb\""),
                c("index share required", "contracts[2].priceIndex.share", "missing required field",
                        "-/contracts/2/priceIndex/share"),
                c("index unknown field", "contracts[2].priceIndex.ceiling",
                        "unknown field \"ceiling\" (allowed: element, share, floor, cap)",
                        "/contracts/2/priceIndex/ceiling=1"),
                // ---- Rule 8 contingent
                c("contingent is a boolean", "contracts[2].contingent", "expected true or false, got \"yes\"",
                        "/contracts/2/contingent=\"yes\""),
                // ---- Rule 12 stockpiles
                c("stockpile ids unique", "stockpiles[1].id", "duplicate id \"reserve\" (also stockpiles[0])",
                        "/stockpiles/1/id=\"reserve\""),
                c("stockpile buyer", "stockpiles[0].buyer", "unknown buyer \"b9\"", "/stockpiles/0/buyer=\"b9\""),
                c("stockpile element", "stockpiles[0].element", "unknown element \"Tb\"",
                        "/stockpiles/0/element=\"Tb\""),
                c("stockpile element in the buyer's demand", "stockpiles[1].element",
                        "buyer \"b1\" does not list \"Dy\" in its demand", "/buyers/0/demand={\"NdPr\": 100}"),
                c("stockpile capacity >= 0", "stockpiles[0].capacity", "must be >= 0, got -1",
                        "/stockpiles/0/capacity=-1"),
                c("stockpile capacity required", "stockpiles[1].capacity", "missing required field",
                        "-/stockpiles/1/capacity"),
                c("stockpile initial >= 0", "stockpiles[0].initial", "must be >= 0, got -1",
                        "/stockpiles/0/initial=-1", "-/stockpiles/0/minFinal"),
                c("initial <= capacity", "stockpiles[0].initial", "must be at most capacity (1000), got 1200",
                        "/stockpiles/0/initial=1200"),
                c("minFinal <= initial", "stockpiles[0].minFinal",
                        "must be at most initial (200) so that a plan that does nothing stays feasible, got 300",
                        "/stockpiles/0/minFinal=300"),
                c("minFinal <= default initial 0", "stockpiles[1].minFinal",
                        "must be at most initial (0) so that a plan that does nothing stays feasible, got 10",
                        "/stockpiles/1/minFinal=10"),
                c("holding cost >= 0", "stockpiles[0].holdingCost", "must be >= 0, got -500",
                        "/stockpiles/0/holdingCost=-500"),
                c("maxFill >= 0", "stockpiles[0].maxFill", "must be >= 0, got -1", "/stockpiles/0/maxFill=-1"),
                c("maxRelease >= 0", "stockpiles[0].maxRelease", "must be >= 0, got -1",
                        "/stockpiles/0/maxRelease=-1"),
                c("stockpile unknown field", "stockpiles[0].holdingCosts",
                        "unknown field \"holdingCosts\" (did you mean \"holdingCost\"?)", "/stockpiles/0/holdingCosts=1"),
                // ---- Rule 13 reveal years
                c("revealYear is a year", "scenarios[1].revealYear", "must be a year (a whole number), got 2026.5",
                        "/scenarios/1/revealYear=2026.5"),
                c("revealYear not before the start", "scenarios[1].revealYear",
                        "must not be before the start year 2026, got 2025", "/scenarios/1/revealYear=2025"),
                c("reveal years all or nothing", "scenarios[0].revealYear", "required when another scenario sets one",
                        "-/scenarios/0/revealYear"),
                c("factor active before revealYear", "scenarios[2].capacityFactors[0]",
                        "active in 2027, before revealYear 2028",
                        "/scenarios/2/capacityFactors=[{\"country\": \"CN\", \"factor\": 0, \"fromYear\": 2027}]"),
                // ---- §10.6 risk aversion
                c("alpha below 1", "riskAversion.alpha", "must be in [0, 1), got 1", "/riskAversion/alpha=1"),
                c("alpha >= 0", "riskAversion.alpha", "must be in [0, 1), got -0.1", "/riskAversion/alpha=-0.1"),
                c("weight 1 refused", "riskAversion.weight", "must be in [0, 1), got 1 (weight 1 would leave the"
                        + " scenarios outside the tail free: their costs would not count)", "/riskAversion/weight=1"),
                c("weight above 1", "riskAversion.weight", "must be in [0, 1), got 1.5", "/riskAversion/weight=1.5"),
                c("alpha required", "riskAversion.alpha", "missing required field", "-/riskAversion/alpha"),
                c("weight required", "riskAversion.weight", "missing required field", "-/riskAversion/weight"),
                c("risk aversion is an object", "riskAversion", "expected an object, got 0.5", "/riskAversion=0.5"),
                // ---- §11 disruptions
                c("disruption ids unique", "disruptions[1].id", "duplicate id \"cn-ban\" (also disruptions[0])",
                        "/disruptions/1/id=\"cn-ban\""),
                c("annual probability a fraction", "disruptions[0].annualProbability", "must be in [0, 1], got 1.5",
                        "/disruptions/0/annualProbability=1.5"),
                c("annual probability required", "disruptions[1].annualProbability", "missing required field",
                        "-/disruptions/1/annualProbability"),
                c("event years >= 1", "disruptions[0].years", "must be at least 1, got 0", "/disruptions/0/years=0"),
                c("event years whole", "disruptions[0].years", "must be a whole number, got 1.5",
                        "/disruptions/0/years=1.5"),
                c("event names country and facility", "disruptions[1]",
                        "names both a country and a facility; give at most one of them", "/disruptions/1/country=\"AU\""),
                c("event country", "disruptions[0].country", "unknown country \"XX\"",
                        "/disruptions/0/country=\"XX\""),
                c("event facility", "disruptions[1].facility", "unknown facility \"m9\"",
                        "/disruptions/1/facility=\"m9\""),
                c("event capacity factor >= 0", "disruptions[0].capacityFactor", "must be >= 0, got -1",
                        "/disruptions/0/capacityFactor=-1"),
                c("event cost factor >= 0", "disruptions[0].costFactor", "must be >= 0, got -1",
                        "/disruptions/0/costFactor=-1"),
                c("event price factor >= 0", "disruptions[0].priceFactors.NdPr", "must be >= 0, got -1",
                        "/disruptions/0/priceFactors/NdPr=-1"),
                c("event price factor element", "disruptions[0].priceFactors.Tb", "unknown element \"Tb\"",
                        "/disruptions/0/priceFactors/Tb=2"),
                c("event export control needs a country", "disruptions[0].exportControl",
                        "needs the event to name a country: the one whose exports it controls", "-/disruptions/0/country"),
                c("no export control on a facility event", "disruptions[1].exportControl",
                        "an event that names a facility cannot carry an export control; name its country instead",
                        "/disruptions/1/exportControl={}"),
                c("event export control stage", "disruptions[0].exportControl.stage",
                        "must be \"concentrate\", \"oxide\" or \"both\", got \"ore\"",
                        "/disruptions/0/exportControl/stage=\"ore\""),
                c("event export control element", "disruptions[0].exportControl.elements[0]", "unknown element \"Tb\"",
                        "/disruptions/0/exportControl/elements/0=\"Tb\""),
                c("event export control destination", "disruptions[0].exportControl.allowedDestinations[0]",
                        "unknown country \"XX\"", "/disruptions/0/exportControl/allowedDestinations/0=\"XX\""),
                c("event export control has no years", "disruptions[0].exportControl.fromYear",
                        "unknown field \"fromYear\" (allowed: stage, elements, allowedDestinations)",
                        "/disruptions/0/exportControl/fromYear=2027"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("invalidV2")
    void reportsEachVersion2RuleWithItsPathAndMessage(String rule, String path, String message, String[] edits) {
        assertEquals(List.of(new Problem(path, message)), InstanceValidator.validate(mutateV2(edits)), rule);
    }

    @Test
    void version2DocumentIsValidWithEitherSchema() {
        assertEquals(List.of(), InstanceValidator.validate(mutateV2()));
        assertEquals(List.of(), InstanceValidator.validate(mutateV2("/schema=\"lodestone/1\"")));
        assertEquals(List.of(), InstanceValidator.validate(mutate("/schema=\"lodestone/2\"")));
    }

    /** Edits of the version-2 document that look suspicious but are valid by instance-reference.md. */
    @ParameterizedTest
    @ValueSource(strings = {
        "/mines/0/expansion/rampUp=[1]",
        "/mines/0/expansion/rampUp=[0.1, 0.1, 0.1, 0.1, 0.1, 0.1]",
        "/scenarios/1/buildDelays=[{\"years\": 0}, {\"years\": 50}]",
        "/scenarios/1/priceFactors/0/factor=0",
        "/contracts/2/priceIndex={\"element\": \"Dy\", \"share\": 5}",
        "/contracts/2/priceIndex/cap=1500",
        "/contracts/2/contingent=false",
        "/stockpiles/0/initial=1000",
        "/stockpiles/0/minFinal=200",
        "/stockpiles/1/capacity=0",
        "/stockpiles/-={\"id\": \"second-ndpr\", \"buyer\": \"b1\", \"element\": \"NdPr\", \"capacity\": 5}",
        "/riskAversion={\"alpha\": 0, \"weight\": 0}",
        "/riskAversion={\"alpha\": 0.999, \"weight\": 0.999}",
        "/scenarios/0/revealYear=2040",
        "/scenarios/2/revealYear=2026",
        "/scenarios/2/exportControls=[{\"country\": \"CN\", \"fromYear\": 2020, \"toYear\": 2025}]",
        "/scenarios/2/demandFactors=[{\"factor\": 1, \"fromYear\": 2029}]",
        "/scenarios/2/capacityFactors=[{\"factor\": 0, \"toYear\": 2025}]",
        "/disruptions/0/annualProbability=1",
        "/disruptions/0/exportControl={}",
        "/disruptions/-={\"id\": \"anywhere\", \"annualProbability\": 0}",
    })
    void acceptsValidVersion2Edges(String edit) {
        assertEquals(List.of(), InstanceValidator.validate(mutateV2(edit)));
    }

    /**
     * instance-reference.md Rule 13: every scenario entry that applies before the revealYear is named, once cut
     * to the horizon (so a range from 2020 is active from 2026), whatever its factor.
     */
    @Test
    void everyEntryActiveBeforeTheRevealYearIsNamed() {
        JsonNode doc = mutateV2("/scenarios/2/revealYear=2029",
                "/scenarios/2/capacityFactors=[{\"factor\": 1, \"fromYear\": 2020}]",
                "/scenarios/2/demandFactors=[{\"factor\": 0, \"toYear\": 2025}, {\"element\": \"Dy\", \"factor\": 2}]",
                "/scenarios/2/exportControls=[{\"country\": \"CN\", \"fromYear\": 2027, \"toYear\": 2040}]");
        assertEquals(List.of(
                new Problem("scenarios[2].capacityFactors[0]", "active in 2026, before revealYear 2029"),
                new Problem("scenarios[2].costFactors[0]", "active in 2028, before revealYear 2029"),
                new Problem("scenarios[2].demandFactors[1]", "active in 2026, before revealYear 2029"),
                new Problem("scenarios[2].priceFactors[0]", "active in 2028, before revealYear 2029"),
                new Problem("scenarios[2].exportControls[0]", "active in 2027, before revealYear 2029")),
                InstanceValidator.validate(doc));
    }

    @Test
    void everyScenarioWithoutARevealYearIsNamed() {
        assertEquals(List.of(
                new Problem("scenarios[0].revealYear", "required when another scenario sets one"),
                new Problem("scenarios[2].revealYear", "required when another scenario sets one")),
                InstanceValidator.validate(mutateV2("-/scenarios/0/revealYear", "-/scenarios/2/revealYear")));
    }

    /** A broken revealYear still counts as set: the others must have one, and the broken one is named once. */
    @Test
    void revealYearThatIsNotAYearIsNotAlsoMissing() {
        assertEquals(List.of(new Problem("scenarios[1].revealYear", "expected a year (a whole number), got \"2027\"")),
                InstanceValidator.validate(mutateV2("/scenarios/1/revealYear=\"2027\"")));
    }

    @Test
    void reportsEveryVersion2ProblemAtOnce() {
        JsonNode doc = mutateV2("/mines/0/expansion/rampUp=[]", "/contracts/2/price=1",
                "/stockpiles/0/initial=5000", "/riskAversion/weight=1.5", "/disruptions/1/years=0");
        assertEquals(List.of(
                new Problem("mines[0].expansion.rampUp", "must list at least one share (leave \"rampUp\" out for"
                        + " full capacity from the first year online)"),
                new Problem("contracts[2].priceIndex", "give either \"price\" or \"priceIndex\", not both"),
                new Problem("stockpiles[0].initial", "must be at most capacity (1000), got 5000"),
                new Problem("riskAversion.weight", "must be in [0, 1), got 1.5"),
                new Problem("disruptions[1].years", "must be at least 1, got 0")),
                InstanceValidator.validate(doc));
    }

    /** A stockpile whose buyer or element is unknown, or whose buyer's demand is unreadable, gives one problem. */
    @Test
    void stockpileDemandCheckDoesNotCascade() {
        assertEquals(List.of(new Problem("buyers[0].demand", "expected an object, got 5")),
                InstanceValidator.validate(mutateV2("/buyers/0/demand=5")));
        assertEquals(List.of(new Problem("stockpiles[1].buyer", "unknown buyer \"b2\"")),
                InstanceValidator.validate(mutateV2("/stockpiles/1/buyer=\"b2\"")));
    }

    /** Edits that look suspicious but are valid by the model. */
    @ParameterizedTest
    @ValueSource(strings = {
        "/riskBudget=null",
        "/riskBudget=0",
        "/tariffs/0/rate=2.5",
        "/tariffs/0/to=\"CN\"",
        "/discountRate=1.5",
        "/exportControls/0/fromYear=2020",
        "/exportControls/0/toYear=2040",
        "/exportControls/0/elements=[]",
        "/buyers/0/mandate/stages=[]",
        "/buyers/0/mandate={}",
        "/buyers/0/demand={}",
        "/mines/1/basket={}",
        "/buyers/0/substitutes/0/fromYear=2050",
        "/mines/1/capacity={\"2000\": 1, \"2040\": 5}",
        "/mines/0/basket={\"NdPr\": 0.9, \"Dy\": 0.1000000001}",
        "/horizon/start=2026.0",
        "/mines/0/expansion/earliestStart=2040",
        "/mines/0/expansion/latestStart=2020",
        "/contracts/0/maxPerYear=100",
        "/mines=[]",
        "/scenarios/1/costFactors/0={\"factor\": 2}",
        "/scenarios/1/demandFactors/0={\"factor\": 0}",
        "/countries/0/risk=1",
        "/refineries/0/recovery/NdPr=1",
    })
    void acceptsValidEdges(String edit) {
        JsonNode doc = edit.equals("/mines=[]")
                ? mutate(edit, "-/contracts/0", "-/scenarios/1/costFactors/0")
                : mutate(edit);
        assertEquals(List.of(), InstanceValidator.validate(doc));
    }

    @Test
    void probabilitiesAddUpWithinTolerance() {
        JsonNode doc = mutate("/scenarios/0/probability=0.1", "/scenarios/1/probability=0.2",
                "/scenarios/-={\"id\": \"third\", \"probability\": 0.7}");
        assertEquals(List.of(), InstanceValidator.validate(doc));
    }

    @Test
    void reportsEveryProblemAtOnce() {
        JsonNode doc = mutate("/mines/0/basket/Nd=0.1", "/countries/0/risk=2", "-/buyers/0/demand",
                "/contracts/0/status=\"maybe\"");
        List<Problem> problems = InstanceValidator.validate(doc);
        assertEquals(List.of(
                new Problem("countries[0].risk", "must be in [0, 1], got 2"),
                new Problem("mines[0].basket.Nd", "unknown element \"Nd\""),
                new Problem("buyers[0].demand", "missing required field"),
                new Problem("contracts[0].status", "must be \"signed\" or \"optional\", got \"maybe\"")),
                problems);
    }

    @Test
    void unknownIdIsReportedOncePerReference() {
        JsonNode doc = mutate("/mines/0/country=\"XX\"", "/tariffs/0/from=\"XX\"");
        assertEquals(List.of(
                new Problem("mines[0].country", "unknown country \"XX\""),
                new Problem("tariffs[0].from", "unknown country \"XX\"")),
                InstanceValidator.validate(doc));
    }

    @Test
    void unreadableIdListDoesNotCascadeIntoReferences() {
        // without readable ids, the many references to countries and elements are not checked
        JsonNode doc = mutate("-/countries/1/id", "/elements=5");
        assertEquals(List.of(
                new Problem("elements", "expected a list, got 5"),
                new Problem("countries[1].id", "missing required field")),
                InstanceValidator.validate(doc));
    }

    @Test
    void invalidHorizonDoesNotCascadeIntoSeries() {
        assertEquals(List.of(new Problem("horizon", "missing required field")),
                InstanceValidator.validate(mutate("-/horizon")));
    }

    @Test
    void invalidProbabilityIsNotAlsoReportedAsAWrongSum() {
        JsonNode doc = mutate("/scenarios/1/probability=\"a quarter\"");
        assertEquals(List.of(new Problem("scenarios[1].probability", "expected a number, got \"a quarter\"")),
                InstanceValidator.validate(doc));
    }

    @Test
    void unknownFieldListsAllowedFieldsWhenNothingIsClose() {
        List<Problem> problems = InstanceValidator.validate(mutate("/horizon/zzzzzz=1"));
        assertEquals(List.of(new Problem("horizon.zzzzzz", "unknown field \"zzzzzz\" (allowed: start, years)")),
                problems);
    }

    @Test
    void emptyOrScalarDocument() {
        assertEquals(List.of(new Problem("", "expected an object at the top level, got \"x\"")),
                InstanceValidator.validate(JSON.getNodeFactory().textNode("x")));
        assertEquals(List.of(new Problem("", "expected an object at the top level, got a list")),
                InstanceValidator.validate(JSON.createArrayNode()));
        assertEquals(8, InstanceValidator.validate(JSON.createObjectNode()).size()); // 8 required fields
    }
}
