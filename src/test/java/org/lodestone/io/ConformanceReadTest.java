package org.lodestone.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.lodestone.domain.Contract;
import org.lodestone.domain.Expansion;
import org.lodestone.domain.Instance;
import org.lodestone.domain.RiskAversion;
import org.lodestone.domain.Scenario;
import org.lodestone.domain.Stockpile;
import org.lodestone.validate.InstanceValidator;
import org.lodestone.validate.InvalidInputException;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/** Every conformance instance (src/test/resources/conformance) is valid and reads cleanly. */
class ConformanceReadTest {
    static Path dir() throws URISyntaxException {
        return Path.of(ConformanceReadTest.class.getResource("/conformance").toURI());
    }

    static List<Path> instances() throws IOException, URISyntaxException {
        try (Stream<Path> files = Files.list(dir())) {
            return files.filter(p -> p.getFileName().toString().endsWith(".json"))
                    .filter(p -> !p.getFileName().toString().equals("expected.json"))
                    .sorted()
                    .toList();
        }
    }

    @Test
    void allCasesArePresent() throws Exception {
        assertEquals(46, instances().size());
    }

    /** t12–t22 and g2-* are the version-2 cases (README of the folder); the others are version 1. */
    @ParameterizedTest(name = "{0}")
    @MethodSource("instances")
    void versionTwoCasesAreTheOnesThatUseVersionTwoFeatures(Path file) throws InvalidInputException {
        String name = file.getFileName().toString();
        boolean version2 = name.startsWith("g2-") || name.matches("t(1[2-9]|2[0-9])_.*");
        List<String> features = InstanceReader.read(file, List.of()).modelVersion2Features();
        assertEquals(version2, !features.isEmpty(), features.toString());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("instances")
    void readsWithoutProblem(Path file) throws InvalidInputException {
        assertEquals(List.of(), InstanceValidator.validate(InstanceReader.readTree(file)));
        Instance instance = InstanceReader.read(file, List.of());
        assertTrue(instance.horizon().years() >= 1);
        double total = instance.scenarios().stream().mapToDouble(s -> s.probability()).sum();
        assertEquals(1.0, total, 1e-9);
    }

    @Test
    void t11PriceSeriesAndDefaults() throws Exception {
        Instance t11 = InstanceReader.read(dir().resolve("t11_freight_tariff_factors.json"), List.of());
        assertEquals(100000, t11.elements().get(0).price().at(0));
        assertEquals(1e6, t11.elements().get(0).shortfallPenalty()); // 10 x price over Y only
        assertEquals(0.8, t11.refineries().get(0).recovery("NdPr"));
        assertEquals(2, t11.scenarios().size());
        assertEquals(1.5, t11.scenarios().get(1).demandFactors().get(0).factor());
    }

    private static Instance read(String file) throws Exception {
        return InstanceReader.read(dir().resolve(file), List.of());
    }

    @Test
    void t12RampUp() throws Exception {
        Expansion x = read("t12_ramp_up.json").mines().get(0).expansion().orElseThrow();
        assertEquals(List.of(0.5, 1.0), x.rampUp());
        assertEquals(List.of(0.0, 0.5, 1.0, 1.0), List.of(x.rampUpShare(-1), x.rampUpShare(0), x.rampUpShare(1),
                x.rampUpShare(5)));
        assertEquals(List.of("rampUp (mines[0].expansion)"), read("t12_ramp_up.json").modelVersion2Features());
    }

    /** late: AU 1 + mA 1 = 2 years for mA; the 5 years on mC do not match mA. */
    @Test
    void t13BuildDelaysAddUp() throws Exception {
        Instance t13 = read("t13_build_delay.json");
        Scenario late = t13.scenarios().get(1);
        assertEquals(3, late.buildDelays().size());
        assertEquals(2, late.delay(t13.mines().get(1)));
        assertEquals(5, late.delay(t13.mines().get(0)));
        assertEquals(0, t13.scenarios().get(0).delay(t13.mines().get(1)));
    }

    /** flood: every element × 0.5, NdPr × 0.8 more. */
    @Test
    void t14PriceFactorsMultiply() throws Exception {
        Scenario flood = read("t14_price_factors.json").scenarios().get(1);
        assertEquals(0.4, flood.priceFactor("NdPr", 2026), 1e-12);
        assertEquals(0.5, flood.priceFactor("La", 2026));
        assertEquals(1.0, read("t14_price_factors.json").scenarios().get(0).priceFactor("NdPr", 2026));
    }

    /** clamp(0.04 × market, 2800, 3500): 3500 at 100000, 2800 at 50000. */
    @Test
    void t15IndexedPriceWithFloorAndCap() throws Exception {
        Contract k = read("t15_indexed_floor.json").contracts().get(0);
        assertEquals(Optional.of(new Contract.PriceIndex("NdPr", 0.04, 2800, Optional.of(3500.0))), k.priceIndex());
        assertTrue(Double.isNaN(k.price()));
        assertEquals(3500, k.price(100000));
        assertEquals(2800, k.price(50000));
        assertEquals(3000, k.price(75000), 1e-9);
        assertFalse(k.contingent());
    }

    @Test
    void t16And20ContingentOfftakes() throws Exception {
        List<Contract> t16 = read("t16_contingent.json").contracts();
        assertTrue(t16.get(0).contingent());
        assertFalse(t16.get(1).contingent());
        assertEquals(1500, t16.get(0).price(123));
        assertTrue(read("t20_contingent_ramp.json").contracts().get(0).contingent());
    }

    @Test
    void t17RevealYearsAndStockpileDefaults() throws Exception {
        Instance t17 = read("t17_stockpile_reveal.json");
        assertEquals(List.of(Optional.of(2028), Optional.of(2027)),
                t17.scenarios().stream().map(Scenario::revealYear).toList());
        assertEquals(List.of(new Stockpile("reserve", "b1", "NdPr", 1000, 0, 0, 1000, Optional.empty(),
                Optional.empty())), t17.stockpiles());
        assertEquals(List.of("stockpiles", "revealYear (scenarios[0])"), t17.modelVersion2Features());
    }

    @Test
    void t18RiskAversion() throws Exception {
        Instance t18 = read("t18_cvar.json");
        assertEquals(Optional.of(new RiskAversion(0.5, 0.5)), t18.riskAversion());
        assertEquals(List.of("riskAversion"), t18.modelVersion2Features());
        assertEquals(Optional.empty(), read("t17_stockpile_reveal.json").riskAversion());
    }

    @Test
    void t19StockpileWithEveryLimit() throws Exception {
        assertEquals(new Stockpile("reserve", "b1", "NdPr", 1000, 400, 300, 500, Optional.empty(), Optional.of(60.0)),
                read("t19_stock_minfinal.json").stockpiles().get(0));
    }

    @Test
    void versionOneCasesReadWithVersionOneDefaults() throws Exception {
        Instance t08 = read("t08_hedge_build.json");
        assertEquals(List.of(), t08.stockpiles());
        assertEquals(Optional.empty(), t08.riskAversion());
        assertEquals(List.of(), t08.disruptions());
        assertEquals(Expansion.NO_RAMP_UP, t08.mines().get(1).expansion().orElseThrow().rampUp());
        for (Scenario s : t08.scenarios()) {
            assertEquals(List.of(), s.buildDelays());
            assertEquals(List.of(), s.priceFactors());
            assertEquals(Optional.empty(), s.revealYear());
        }
    }
}
