package org.lodestone.analysis;

import java.nio.file.Path;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import org.lodestone.domain.Instance;
import org.lodestone.io.InstanceReader;
import org.lodestone.solve.Backend;
import org.lodestone.solve.MipSolver;
import org.lodestone.solve.SolveOptions;

/** Instances and settings shared by the analysis tests. */
final class AnalysisFixtures {
    private AnalysisFixtures() {}

    static Path conformanceFile(String name) throws Exception {
        return Path.of(AnalysisFixtures.class.getResource("/conformance/" + name).toURI());
    }

    static Path quickstartFile() {
        return Path.of("instances/quickstart.json");
    }

    static JsonNode tree(Path file) throws Exception {
        return InstanceReader.readTree(file, List.of());
    }

    static Instance instance(Path file, String... overrides) throws Exception {
        return InstanceReader.read(file, List.of(overrides));
    }

    /** SCIP, gap 0 (exact objectives, so that monotonicity holds exactly), one solve at a time. */
    static Settings exact() {
        return exact(1);
    }

    static Settings exact(int parallel) {
        return new Settings(MipSolver.create(), new SolveOptions(Backend.SCIP, 60, 0, 1), parallel, Progress.NONE);
    }

    /**
     * A risk trade-off: 1000 t of NdPr a year from a cheap risky mine (country R, risk 0.5,
     * 1000 USD/t REO) or a dear safe one (country S, risk 0, 5000 USD/t REO), separated in S at
     * risk 0 and 1000 USD/t. 5000 t REO are needed: all risky costs 10M at risk 2500, all safe 30M
     * at risk 0, and every risk-tonne allowed saves (5000 − 1000) / 0.5 = 8000 USD.
     */
    static final String TRADE_OFF = """
            {"schema": "lodestone/1", "name": "trade-off", "horizon": {"start": 2026, "years": 1},
             "riskWeight": 100, "riskBudget": 2000,
             "elements": [{"id": "NdPr", "price": 100000}],
             "countries": [{"id": "R", "risk": 0.5}, {"id": "S", "risk": 0}],
             "mines": [{"id": "risky", "country": "R", "capacity": 10000, "cost": 1000, "basket": {"NdPr": 0.2}},
                       {"id": "safe", "country": "S", "capacity": 10000, "cost": 5000, "basket": {"NdPr": 0.2}}],
             "refineries": [{"id": "sep", "country": "S", "capacity": 20000, "cost": 1000}],
             "buyers": [{"id": "b", "country": "S", "demand": {"NdPr": 1000}}]}
            """;

    static JsonNode tradeOff() throws Exception {
        return new ObjectMapper().readTree(TRADE_OFF);
    }
}
