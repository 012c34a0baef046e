package org.lodestone.io;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.lodestone.domain.Buyer;
import org.lodestone.domain.Contract;
import org.lodestone.domain.Disruption;
import org.lodestone.domain.Element;
import org.lodestone.domain.Expansion;
import org.lodestone.domain.ExportControl;
import org.lodestone.domain.Instance;
import org.lodestone.domain.Lanes;
import org.lodestone.domain.Mandate;
import org.lodestone.domain.Mine;
import org.lodestone.domain.Refinery;
import org.lodestone.domain.RiskAversion;
import org.lodestone.domain.Scenario;
import org.lodestone.domain.Series;
import org.lodestone.domain.Stockpile;
import org.lodestone.domain.YearRange;
import org.lodestone.model.SourcingModel;
import org.lodestone.validate.InvalidInputException;
import org.lodestone.validate.Problem;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

class InstanceReaderTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path tmp;

    static Path resource(String name) {
        try {
            return Path.of(InstanceReaderTest.class.getResource("/instances/" + name).toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Smallest useful instance: every optional field left out. */
    static final String MINIMAL = """
            {
              "schema": "lodestone/1", "name": "minimal",
              "horizon": {"start": 2026, "years": 3},
              "elements": [{"id": "NdPr", "price": {"2024": 5, "2027": 7, "2040": 9}}],
              "countries": [{"id": "AU", "risk": 0.2}],
              "mines": [{"id": "m", "country": "AU", "cost": 4, "basket": {"NdPr": 0.3},
                         "expansion": {"moduleSize": 100, "leadTime": 2}}],
              "refineries": [{"id": "r", "country": "AU", "cost": [1, 2, 3]}],
              "buyers": [{"id": "b", "country": "AU", "demand": {"NdPr": 10}, "mandate": {},
                          "substitutes": [{"element": "NdPr", "maxShare": 0.5, "cost": 9}]}],
              "exportControls": [{"country": "AU"}],
              "contracts": [{"id": "k", "facility": "r", "status": "signed", "price": 3}]
            }
            """;

    private static Instance minimal() throws Exception {
        return InstanceReader.toInstance(JSON.readTree(MINIMAL));
    }

    private static double[] values(Series s) {
        return s.toArray();
    }

    // ------------------------------------------------------------------ series

    @Test
    void seriesInAllThreeForms() throws Exception {
        Instance in = minimal();
        // object: greatest key <= year, key before start counts, key after the horizon is ignored
        assertArrayEquals(new double[] {5, 7, 7}, values(in.elements().get(0).price()));
        // number: constant
        assertArrayEquals(new double[] {4, 4, 4}, values(in.mines().get(0).cost()));
        // array: one per year
        assertArrayEquals(new double[] {1, 2, 3}, values(in.refineries().get(0).cost()));
    }

    @Test
    void objectSeriesWithKeyExactlyAtStartAndGaps() throws Exception {
        Instance base = InstanceReader.read(resource("base.json"), List.of());
        assertArrayEquals(new double[] {100, 100, 200}, values(base.mines().get(1).capacity()));
        assertArrayEquals(new double[] {1000, 2000, 2000}, values(base.elements().get(1).surplusPrice()));
        assertArrayEquals(new double[] {0, 0.5, 0.5}, values(base.buyers().get(0).mandate().get().minShare()));
    }

    // ------------------------------------------------------------------ defaults

    @Test
    void defaultsOfAMinimalInstance() throws Exception {
        Instance in = minimal();
        assertEquals("minimal", in.name());
        assertEquals(Optional.empty(), in.description());
        assertEquals(List.of(), in.sources());
        assertEquals(0.0, in.discountRate());
        assertEquals(0.0, in.riskWeight());
        assertEquals(Optional.empty(), in.riskBudget());
        assertEquals(Lanes.none(), in.lanes());
        assertEquals(List.of(), in.tariffs());

        Element e = in.elements().get(0);
        assertEquals("NdPr", e.name()); // name defaults to the id
        assertEquals(Series.constant(0, 3), e.surplusPrice());
        assertEquals(70.0, e.shortfallPenalty()); // 10 x max price over Y (the 2040 key is ignored)

        Mine m = in.mines().get(0);
        assertEquals("standard", m.oreType());
        assertEquals(Series.constant(0, 3), m.capacity());
        assertEquals(new Expansion(100, 1, 2, 2026, 2028, 0, 0, 0, 0), m.expansion().get());

        Refinery r = in.refineries().get(0);
        assertEquals(Optional.empty(), r.accepts());
        assertTrue(r.accepts("anything"));
        assertEquals(Map.of(), r.recovery());
        assertEquals(1.0, r.defaultRecovery());
        assertEquals(1.0, r.recovery("NdPr"));
        assertEquals(Optional.empty(), r.expansion());

        Buyer b = in.buyers().get(0);
        assertEquals(Map.of(), b.shortfallPenalty());
        assertEquals(Optional.empty(), b.maxCountryShare());
        assertEquals(new Mandate(Set.of(), Set.of(), true, true, Series.constant(1, 3)), b.mandate().get());
        assertEquals(2026, b.substitutes().get(0).fromYear());

        assertEquals(new ExportControl("AU", ExportControl.Stage.BOTH, Optional.empty(),
                new YearRange(2026, 2028), Set.of()), in.exportControls().get(0));
        assertEquals(new Contract("k", "r", true, new YearRange(2026, 2028), 0, Double.POSITIVE_INFINITY, 3, 0),
                in.contracts().get(0));
        assertEquals(List.of(new Scenario("base", 1.0, List.of(), List.of(), List.of(), List.of())),
                in.scenarios());
    }

    @Test
    void valuesAndDefaultsOfTheFullInstance() throws Exception {
        Instance in = InstanceReader.read(resource("base.json"), List.of());
        assertEquals(Optional.of("small instance that uses every part of the model"), in.description());
        assertEquals(0.05, in.discountRate());
        assertEquals(1e6, in.elements().get(0).shortfallPenalty());
        assertEquals(3.2e6, in.elements().get(1).shortfallPenalty());
        assertEquals("Neodymium-praseodymium oxide", in.elements().get(0).name());
        assertEquals(Set.of("feoc"), in.countries().get(1).tags());
        assertEquals("ionic-clay", in.mines().get(1).oreType());
        assertEquals(0.01, in.mines().get(0).share("Dy"));
        assertEquals(0.0, in.mines().get(1).share("Dy"));

        Refinery r = in.refineries().get(0);
        assertEquals(Optional.of(List.of("standard")), r.accepts());
        assertEquals(Map.of("NdPr", 0.95), r.recovery());
        assertEquals(0.9, r.recovery("Dy"));
        assertEquals(new Expansion(1000, 3, 2, 2025, 2027, 1e7, 2e7, 1e6, 0.5), r.expansion().get());

        Buyer b = in.buyers().get(0);
        assertEquals(Map.of("Dy", 5e6), b.shortfallPenalty());
        assertEquals(Optional.of(0.8), b.maxCountryShare());
        Mandate mandate = b.mandate().get();
        assertTrue(mandate.mining());
        assertFalse(mandate.refining());
        assertEquals(Set.of("CN"), mandate.excludeCountries());
        assertArrayEquals(new double[] {5, 6, 7}, values(b.demand().get("Dy")));

        assertEquals(new Lanes(100, 10, List.of(new Lanes.Route("AU", "US", 150))), in.lanes());
        assertEquals(new ExportControl("CN", ExportControl.Stage.OXIDE, Optional.of(Set.of("Dy")),
                new YearRange(2027, 2028), Set.of()), in.exportControls().get(0));
        assertEquals(new Contract("k1", "m1", false, new YearRange(2026, 2028), 100, 500, 4500, 1000),
                in.contracts().get(0));
        assertEquals(new YearRange(2026, 2027), in.contracts().get(1).window());

        Scenario ban = in.scenarios().get(1);
        assertEquals(0.25, ban.probability());
        assertEquals(new Scenario.FacilityFactor(Optional.of("CN"), Optional.empty(), 0, new YearRange(2027, 2028)),
                ban.capacityFactors().get(0));
        assertEquals(new Scenario.FacilityFactor(Optional.empty(), Optional.of("m1"), 1.2, new YearRange(2026, 2028)),
                ban.costFactors().get(0));
        assertEquals(new Scenario.DemandFactor(Optional.of("b1"), Optional.of("NdPr"), 1.1,
                new YearRange(2026, 2027)), ban.demandFactors().get(0));
        assertEquals(new ExportControl("AU", ExportControl.Stage.CONCENTRATE, Optional.empty(),
                new YearRange(2026, 2028), Set.of("US")), ban.exportControls().get(0));
    }

    // ------------------------------------------------------------------ model version 2

    /** Every version-2 field, written in YAML. */
    static final String VERSION_2_YAML = """
            schema: lodestone/2
            name: every-v2-field
            horizon: {start: 2026, years: 3}
            riskAversion: {alpha: 0.9, weight: 0.25}
            elements:
              - {id: NdPr, price: 100000}
              - {id: Dy, price: 300000}
            countries: [{id: AU, risk: 0}, {id: CN, risk: 0.8}, {id: US, risk: 0}]
            mines:
              - id: mA
                country: AU
                cost: 2000
                basket: {NdPr: 0.2, Dy: 0.01}
                expansion: {moduleSize: 5000, leadTime: 1, rampUp: [0.3, 0.6, 1]}
            refineries:
              - {id: rA, country: AU, capacity: 10000, cost: 1000}
            buyers:
              - {id: b1, country: US, demand: {NdPr: 1000, Dy: 10}}
            contracts:
              - id: kIdx
                facility: rA
                status: optional
                minPerYear: 5000
                priceIndex: {element: NdPr, share: 0.04, floor: 2800, cap: 3500}
                contingent: true
              - id: kFloor
                facility: mA
                status: signed
                priceIndex: {element: Dy, share: 0.01}
              - {id: kFixed, facility: rA, status: signed, price: 900, contingent: false}
            scenarios:
              - {id: calm, probability: 0.5, revealYear: 2029}
              - id: flood
                probability: 0.5
                revealYear: 2027
                buildDelays:
                  - {country: AU, years: 1}
                  - {facility: mA, years: 2}
                  - {years: 0}
                priceFactors:
                  - {factor: 0.5, fromYear: 2027}
                  - {element: NdPr, factor: 0.8, fromYear: 2027, toYear: 2027}
                costFactors: [{country: CN, factor: 0.5, fromYear: 2027}]
            stockpiles:
              - {id: reserve, buyer: b1, element: NdPr, capacity: 1000, initial: 400, minFinal: 300,
                 holdingCost: 500, maxFill: 200, maxRelease: 60}
              - {id: dy, buyer: b1, element: Dy, capacity: 20}
            disruptions:
              - id: cn-ban
                country: CN
                annualProbability: 0.1
                years: 2
                capacityFactor: 0
                costFactor: 1.5
                priceFactors: {NdPr: 1.8}
                exportControl: {stage: oxide, elements: [Dy], allowedDestinations: [AU]}
              - {id: ma-flood, facility: mA, annualProbability: 0.05, capacityFactor: 0.5}
              - id: cn-quota
                country: CN
                annualProbability: 0.2
                exportControl: {}
            """;

    private Instance version2() throws Exception {
        return InstanceReader.read(write("v2.yaml", VERSION_2_YAML), List.of());
    }

    @Test
    void readsEveryVersion2FieldWithItsDefaults() throws Exception {
        Instance in = version2();
        assertEquals(Optional.of(new RiskAversion(0.9, 0.25)), in.riskAversion());
        assertEquals(List.of(0.3, 0.6, 1.0), in.mines().get(0).expansion().orElseThrow().rampUp());

        Contract indexed = in.contracts().get(0);
        assertEquals(Optional.of(new Contract.PriceIndex("NdPr", 0.04, 2800, Optional.of(3500.0))),
                indexed.priceIndex());
        assertTrue(Double.isNaN(indexed.price()));
        assertTrue(indexed.contingent());
        assertEquals(Optional.of(new Contract.PriceIndex("Dy", 0.01, 0, Optional.empty())),
                in.contracts().get(1).priceIndex()); // floor 0, no cap
        assertFalse(in.contracts().get(1).contingent());
        assertEquals(new Contract("kFixed", "rA", true, new YearRange(2026, 2028), 0, Double.POSITIVE_INFINITY, 900, 0),
                in.contracts().get(2));

        Scenario calm = in.scenarios().get(0);
        assertEquals(Optional.of(2029), calm.revealYear());
        assertEquals(List.of(), calm.buildDelays());
        Scenario flood = in.scenarios().get(1);
        assertEquals(Optional.of(2027), flood.revealYear());
        assertEquals(List.of(new Scenario.BuildDelay(Optional.of("AU"), Optional.empty(), 1),
                new Scenario.BuildDelay(Optional.empty(), Optional.of("mA"), 2),
                new Scenario.BuildDelay(Optional.empty(), Optional.empty(), 0)), flood.buildDelays());
        assertEquals(3, flood.delay(in.mines().get(0)));
        assertEquals(1, flood.delay(in.refineries().get(0)));
        assertEquals(List.of(new Scenario.PriceFactor(Optional.empty(), 0.5, new YearRange(2027, 2028)),
                new Scenario.PriceFactor(Optional.of("NdPr"), 0.8, new YearRange(2027, 2027))), flood.priceFactors());
        assertEquals(List.of(1.0, 0.4, 0.5), List.of(flood.priceFactor("NdPr", 2026), flood.priceFactor("NdPr", 2027),
                flood.priceFactor("NdPr", 2028)));

        assertEquals(List.of(
                new Stockpile("reserve", "b1", "NdPr", 1000, 400, 300, 500, Optional.of(200.0), Optional.of(60.0)),
                new Stockpile("dy", "b1", "Dy", 20, 0, 0, 0, Optional.empty(), Optional.empty())), in.stockpiles());

        assertEquals(List.of(
                new Disruption("cn-ban", Optional.of("CN"), Optional.empty(), 0.1, 2, Optional.of(0.0), Optional.of(1.5),
                        Map.of("NdPr", 1.8), Optional.of(new Disruption.Control(ExportControl.Stage.OXIDE,
                                Optional.of(Set.of("Dy")), Set.of("AU")))),
                new Disruption("ma-flood", Optional.empty(), Optional.of("mA"), 0.05, 1, Optional.of(0.5),
                        Optional.empty(), Map.of(), Optional.empty()),
                new Disruption("cn-quota", Optional.of("CN"), Optional.empty(), 0.2, 1, Optional.empty(),
                        Optional.empty(), Map.of(), Optional.of(new Disruption.Control(ExportControl.Stage.BOTH,
                                Optional.empty(), Set.of())))), in.disruptions());
        assertEquals(new ExportControl("CN", ExportControl.Stage.OXIDE, Optional.of(Set.of("Dy")),
                new YearRange(2027, 2028), Set.of("AU")),
                in.disruptions().get(0).exportControl().orElseThrow().in("CN", new YearRange(2027, 2028)));
    }

    @Test
    void version2YamlAndJsonGiveTheSameInstance() throws Exception {
        JsonNode tree = InstanceReader.readTree(write("v2.yaml", VERSION_2_YAML));
        Path json = write("v2.json", JSON.writeValueAsString(tree));
        assertEquals(version2(), InstanceReader.read(json, List.of()));
    }

    @Test
    void versionOneInstanceReadsWithVersion2Defaults() throws Exception {
        Instance in = minimal();
        assertEquals(List.of(), in.stockpiles());
        assertEquals(Optional.empty(), in.riskAversion());
        assertEquals(List.of(), in.disruptions());
        assertEquals(List.of(1.0), in.mines().get(0).expansion().orElseThrow().rampUp());
        assertEquals(Optional.empty(), in.contracts().get(0).priceIndex());
        assertFalse(in.contracts().get(0).contingent());
        assertEquals(Optional.empty(), in.scenarios().get(0).revealYear());
        assertEquals(List.of(), in.modelVersion2Features());
    }

    /** The features of version 2 an instance uses are named; the model supports them all and builds. */
    @Test
    void modelBuildsVersion2Features() throws Exception {
        Instance in = version2();
        assertEquals(List.of("rampUp (mines[0].expansion)", "buildDelays (scenarios[1])", "priceFactors (scenarios[1])",
                "priceIndex (contracts[0])", "contingent (contracts[0])", "stockpiles", "revealYear (scenarios[0])",
                "riskAversion"), in.modelVersion2Features());
        assertTrue(SourcingModel.build(in).mip().variables() > 0);
    }

    /**
     * Version-2 fields written with values that keep the version-1 meaning are not features the
     * model lacks: such an instance builds, and neither do disruptions, which play no part in a solve.
     */
    @Test
    void version2FieldsWithVersion1MeaningAreNotRefused() throws Exception {
        JsonNode tree = JSON.readTree(MINIMAL);
        for (String edit : List.of("/schema=\"lodestone/2\"", "/mines/0/expansion/rampUp=[1, 1]",
                "/contracts/0/contingent=false", "/riskAversion={\"alpha\": 0.9, \"weight\": 0}",
                "/scenarios=[{\"id\": \"a\", \"probability\": 0.5, \"revealYear\": 2026, \"buildDelays\": [{\"years\": 0}],"
                        + " \"priceFactors\": [{\"factor\": 1}]}, {\"id\": \"b\", \"probability\": 0.5, \"revealYear\": 2026}]",
                "/disruptions=[{\"id\": \"d\", \"annualProbability\": 0.5, \"capacityFactor\": 0}]")) {
            Overrides.apply(tree, edit);
        }
        Instance in = InstanceReader.toInstance(tree);
        assertEquals(List.of(), in.modelVersion2Features());
        assertTrue(SourcingModel.build(in).mip().variables() > 0);
    }

    @Test
    void riskBudgetNullMeansNone() throws Exception {
        JsonNode tree = JSON.readTree(MINIMAL);
        ((com.fasterxml.jackson.databind.node.ObjectNode) tree).putNull("riskBudget");
        assertEquals(Optional.empty(), InstanceReader.toInstance(tree).riskBudget());
        ((com.fasterxml.jackson.databind.node.ObjectNode) tree).put("riskBudget", 12.5);
        assertEquals(Optional.of(12.5), InstanceReader.toInstance(tree).riskBudget());
    }

    @Test
    void yamlGivesTheSameInstanceAsJson() throws Exception {
        Instance fromJson = InstanceReader.read(resource("base.json"), List.of());
        Instance fromYaml = InstanceReader.read(resource("base.yaml"), List.of());
        assertEquals(fromJson, fromYaml);
    }

    @Test
    void ymlExtensionIsYaml() throws Exception {
        Path yml = tmp.resolve("copy.YML");
        Files.copy(resource("base.yaml"), yml);
        assertEquals(InstanceReader.read(resource("base.json"), List.of()), InstanceReader.read(yml, List.of()));
    }

    @Test
    void yamlReadsNoAndYesAsStrings() throws Exception {
        JsonNode tree = InstanceReader.readTree(write("norway.yaml", "id: NO\ntags: [yes, on, off]\nok: true\n"));
        assertEquals("NO", tree.get("id").textValue());
        assertEquals("yes", tree.get("tags").get(0).textValue());
        assertTrue(tree.get("ok").booleanValue());
    }

    // ------------------------------------------------------------------ problems

    @Test
    void invalidInstanceThrowsWithEveryProblem() throws Exception {
        JsonNode tree = JSON.readTree(MINIMAL.replace("\"risk\": 0.2", "\"risk\": 3")
                .replace("\"cost\": 4", "\"cost\": -4").replace("\"id\": \"NdPr\"", "\"id\": \"NdPr\", \"x\": 1"));
        InvalidInputException e = assertThrows(InvalidInputException.class, () -> InstanceReader.toInstance(tree));
        assertEquals(List.of(
                new Problem("elements[0].x", "unknown field \"x\" (allowed: id, price, name, surplusPrice,"
                        + " shortfallPenalty)", new Problem.Location("/elements/0/x", List.of("elements[0] is \"NdPr\""))),
                new Problem("countries[0].risk", "must be in [0, 1], got 3",
                        new Problem.Location("/countries/0/risk", List.of("countries[0] is \"AU\""))),
                new Problem("mines[0].cost", "must be >= 0, got -4",
                        new Problem.Location("/mines/0/cost", List.of("mines[0] is \"m\"")))), e.problems());
    }

    @Test
    void malformedJsonNamesLineAndColumn() throws Exception {
        Path f = write("bad.json", "{\n  \"schema\": \"lodestone/1\",\n  \"name\": ,\n}");
        Problem p = single(f);
        assertEquals("", p.path());
        assertTrue(p.message().startsWith("malformed JSON at line 3, column 11: "), p.message());
        assertFalse(p.message().contains("\n"));
        assertFalse(p.message().contains("jackson"), p.message());
        assertFalse(p.message().contains("Source"), p.message());
    }

    @Test
    void truncatedJson() throws Exception {
        Problem p = single(write("cut.json", "{\"schema\": \"lodestone/1\""));
        assertTrue(p.message().startsWith("malformed JSON at line 1, column 25: unexpected end-of-input"),
                p.message());
    }

    @Test
    void nanIsNotJson() throws Exception {
        Problem p = single(write("nan.json", "{\"discountRate\": NaN}"));
        assertTrue(p.message().startsWith("malformed JSON at line 1, column "), p.message());
        assertTrue(p.message().contains("NaN"), p.message());
        assertFalse(p.message().contains("JsonReadFeature"), p.message());
    }

    @Test
    void trailingContentIsRejected() throws Exception {
        Problem p = single(write("two.json", "{}\n{}"));
        assertEquals("malformed JSON at line 2, column 1: unexpected content after the end of the document",
                p.message());
    }

    @Test
    void duplicateKeysAreRejectedInJson() throws Exception {
        Problem p = single(write("dup.json", "{\"mines\": [{\"id\": \"a\",\n \"id\": \"b\"}]}"));
        assertEquals(new Problem("mines[0].id", "duplicate key \"id\" at line 2, column 6"), p);
    }

    @Test
    void duplicateKeysAreRejectedInYaml() throws Exception {
        Problem p = single(write("dup.yaml", "name: a\nhorizon:\n  start: 2026\n  start: 2027\n"));
        assertEquals("horizon.start", p.path());
        assertTrue(p.message().startsWith("duplicate key \"start\" at line 4"), p.message());
    }

    @Test
    void malformedYamlNamesLineAndColumn() throws Exception {
        Problem p = single(write("bad.yaml", "name: a\n  schema: b\n"));
        assertTrue(p.message().startsWith("malformed YAML at line 2, column "), p.message());
        assertFalse(p.message().contains("\n"), p.message());
    }

    @Test
    void fileProblemsAreShortAndHavePathEmpty() throws Exception {
        assertEquals(tmp.resolve("none.json") + ": no such file", single(tmp.resolve("none.json")).message());
        assertEquals(tmp + ": is a directory, not an instance file", single(tmp).message());
        assertEquals(write("i.txt", "{}") + ": unsupported file type; use a .json, .yaml or .yml file",
                single(tmp.resolve("i.txt")).message());
        assertEquals(write("e.json", "") + ": the file is empty", single(tmp.resolve("e.json")).message());
        assertEquals(write("w.yaml", "  \n\n") + ": the file is empty", single(tmp.resolve("w.yaml")).message());
        assertEquals(write("c.yaml", "# just a comment\n") + ": the file holds no YAML document",
                single(tmp.resolve("c.yaml")).message());
        Path latin1 = tmp.resolve("latin1.json");
        Files.write(latin1, "{\"name\": \"S\u00e3o Paulo\"}".getBytes(StandardCharsets.ISO_8859_1));
        assertEquals(latin1 + ": is not UTF-8 text; save it as UTF-8", single(latin1).message());
        assertEquals("", single(latin1).path());
    }

    @Test
    void byteOrderMarkIsAccepted() throws Exception {
        Path f = tmp.resolve("bom.json");
        byte[] body = "{\"a\": 1}".getBytes(StandardCharsets.UTF_8);
        byte[] bytes = new byte[body.length + 3];
        bytes[0] = (byte) 0xEF;
        bytes[1] = (byte) 0xBB;
        bytes[2] = (byte) 0xBF;
        System.arraycopy(body, 0, bytes, 3, body.length);
        Files.write(f, bytes);
        assertEquals(1, InstanceReader.readTree(f).get("a").intValue());
    }

    // ------------------------------------------------------------------ overrides

    @Test
    void readAppliesOverridesInOrder() throws Exception {
        Instance in = InstanceReader.read(resource("base.json"), List.of(
                "/buyers/0/mandate/minShare=0.25", "/name=what if", "/horizon/years=2",
                "/elements/1/price=[1, 2]", "/buyers/0/demand/Dy=7"));
        assertEquals(Series.constant(0.25, 2), in.buyers().get(0).mandate().get().minShare());
        assertEquals("what if", in.name());
        assertEquals(2, in.horizon().years());
    }

    @Test
    void readReportsEveryBadOverrideThenStops() throws Exception {
        InvalidInputException e = assertThrows(InvalidInputException.class, () -> InstanceReader.read(
                resource("base.json"), List.of("/buyers/7/mandate/minShare=1", "nonsense", "/name=fine")));
        assertEquals(2, e.problems().size());
        assertEquals("/buyers/7/mandate/minShare", e.problems().get(0).path());
    }

    @Test
    void overrideThatBreaksTheInstanceIsReportedByTheValidator() {
        InvalidInputException e = assertThrows(InvalidInputException.class, () -> InstanceReader.read(
                resource("base.json"), List.of("/mines/0/capacityy=5")));
        assertEquals(List.of(new Problem("mines[0].capacityy",
                "unknown field \"capacityy\" (did you mean \"capacity\"?)",
                new Problem.Location("/mines/0/capacityy", List.of("mines[0] is \"m1\"")))), e.problems());
    }

    private Path write(String name, String content) throws IOException {
        Path f = tmp.resolve(name);
        Files.writeString(f, content);
        return f;
    }

    private static Problem single(Path file) {
        InvalidInputException e = assertThrows(InvalidInputException.class, () -> InstanceReader.readTree(file));
        assertEquals(1, e.problems().size(), e.problems()::toString);
        return e.problems().get(0);
    }
}
