package org.lodestone.docs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.lodestone.cli.LodestoneCommand;

/**
 * The decision briefs of {@code docs/briefs.md}, run as they are written, so that they cannot
 * silently rot: every {@code ./lodestone} line of the briefs is one of the commands below (and
 * each of these is in the briefs), and each command runs in-process through the CLI, with
 * {@code --format json} added to read its table, and its answer is checked for direction and
 * rough size, never for exact strings or digits.
 *
 * <p>Each solve of the real instance takes about 1 s with HiGHS (what {@code auto} picks for it on
 * fewer than four cores; 3-5 s with SCIP), so the regular suite runs one or two commands per brief
 * (a stress test on fewer countries, through the same code); the rest are tagged {@code slow}
 * ({@code mvn -B test -Pslow}). Money is expected and discounted USD; two solves of the real
 * instance agree within the default gap (1e-4 of ~8 bn USD, 0.8 M USD), whichever solver ran, so a
 * difference of two objectives is known to about {@link #TOLERANCE}.
 */
class BriefsTest {
    private static final Path BRIEFS = Path.of("docs/briefs.md");
    private static final double TOLERANCE = 2e6;
    private static final double M = 1e6;

    // Brief 1: the DFARS mandate and its phase-in
    static final String MANDATE_LIFTED = "./lodestone compare instances/indo-pacific-2026.json "
            + "--set /buyers/0/mandate/minShare=0";
    static final String MANDATE_FROM_2026 = "./lodestone compare instances/indo-pacific-2026.json "
            + "--set /buyers/0/mandate/minShare=1";
    static final String FLOOR_LIFTED = "./lodestone compare instances/indo-pacific-2026.json "
            + "--set /contracts/0/priceIndex/floor=0";
    private static final String EVERY_BUYER = "'/buyers/%d/mandate={\"excludeTags\":[\"feoc\"],\"minShare\":%s}'";
    static final String MANDATE_EVERY_BUYER = "./lodestone compare instances/indo-pacific-2026.json"
            + everyBuyer("{\"2026\":0,\"2027\":1}");
    static final String MANDATE_EVERY_BUYER_PHASED = "./lodestone compare instances/indo-pacific-2026.json"
            + everyBuyer("{\"2026\":0,\"2027\":0.5,\"2030\":1}");
    // Brief 2: defections
    static final String SOLVE = "./lodestone solve instances/indo-pacific-2026.json -o plan.json";
    static final String BAN_TO_US = "./lodestone stress instances/indo-pacific-2026.json plan.json "
            + "--defection export-ban --to US";
    static final String OFFLINE = "./lodestone stress instances/indo-pacific-2026.json plan.json";
    static final String OFFLINE_REPLANNED = "./lodestone stress instances/indo-pacific-2026.json plan.json "
            + "--first-stage replanned --countries AU,CN,MY,US,MW";
    static final String BAN_TO_DE = "./lodestone stress instances/indo-pacific-2026.json plan.json "
            + "--defection export-ban --to DE";
    // Brief 3: a Chinese price flood and Western projects
    static final String FLOOD_LIKELIER = "./lodestone compare instances/indo-pacific-2026.json "
            + "--set /scenarios/0/probability=0.05 --set /scenarios/3/probability=0.3";
    static final String WHITE_MESA_GRANT = "./lodestone sweep instances/indo-pacific-2026.json "
            + "--param /refineries/6/expansion/capexFixed --values 0,25000000,50000000,75000000";
    static final String FLOOR_IN_FLOODS = "./lodestone sweep instances/indo-pacific-2026.json "
            + "--set /scenarios/0/probability=0.05 --set /scenarios/3/probability=0.3 "
            + "--param /contracts/0/priceIndex/floor --values 0,11540";
    static final String NOLANS_FREE = "./lodestone compare instances/indo-pacific-2026.json "
            + "--set /mines/8/expansion/capexFixed=0 --set /refineries/9/expansion/capexFixed=0";
    // Brief 4: the defense stockpile
    static final String NO_STOCKPILE = "./lodestone compare instances/indo-pacific-2026.json --set '/stockpiles=[]'";
    private static final String COMPOUND =
            "'/scenarios/6/exportControls=[{\"country\":\"CN\",\"stage\":\"oxide\",\"fromYear\":2028}]'";
    static final String COMPOUND_SHOCK = "./lodestone compare instances/indo-pacific-2026.json --set " + COMPOUND;
    // Brief 5: reduced-Nd magnets and recycling
    static final String NO_SUBSTITUTES = "./lodestone compare instances/indo-pacific-2026.json "
            + "--set '/buyers/1/substitutes=[]' --set '/buyers/2/substitutes=[]' --set '/buyers/3/substitutes=[]' "
            + "--gap 1e-6";
    static final String NO_RECYCLING = "./lodestone compare instances/indo-pacific-2026.json "
            + "--set /mines/15/capacity=0 --set /mines/16/capacity=0";
    static final String EU_SUBSTITUTES_IN_SHOCK = "./lodestone sweep instances/indo-pacific-2026.json --set "
            + COMPOUND + " --param /buyers/3/substitutes/0/maxShare --values 0,0.2,0.4";
    static final String RECYCLING_IN_SHOCK = "./lodestone sweep instances/indo-pacific-2026.json --set "
            + COMPOUND + " --param /mines/15/capacity/2027 --values 0,150,500";
    // Brief 6: the cost-risk frontier
    static final String FRONTIER = "./lodestone pareto instances/indo-pacific-2026.json --points 5";
    // Brief 7: projects slipping, and a risk-averse buyer
    static final String NO_SLIP = "./lodestone compare instances/indo-pacific-2026.json "
            + "--set '/scenarios/1/buildDelays=[]'";
    static final String CVAR = "./lodestone compare instances/indo-pacific-2026.json "
            + "--set '/riskAversion={\"alpha\":0.9,\"weight\":0.5}'";

    static final List<String> COMMANDS = List.of(MANDATE_LIFTED, MANDATE_FROM_2026, FLOOR_LIFTED,
            MANDATE_EVERY_BUYER, MANDATE_EVERY_BUYER_PHASED, SOLVE, BAN_TO_US, OFFLINE, OFFLINE_REPLANNED, BAN_TO_DE,
            FLOOD_LIKELIER, WHITE_MESA_GRANT, FLOOR_IN_FLOODS, NOLANS_FREE, NO_STOCKPILE, COMPOUND_SHOCK,
            NO_SUBSTITUTES, NO_RECYCLING, EU_SUBSTITUTES_IN_SHOCK, RECYCLING_IN_SHOCK, FRONTIER, NO_SLIP, CVAR);

    @TempDir
    static Path tmp;

    /** Files the commands wrote (plan.json), by the name the briefs give them. */
    private static final Map<String, Path> WRITTEN = new HashMap<>();

    private static String everyBuyer(String minShare) {
        StringBuilder b = new StringBuilder();
        for (int buyer = 1; buyer <= 3; buyer++) {
            b.append(" --set ").append(String.format(EVERY_BUYER, buyer, minShare));
        }
        return b.toString();
    }

    // ------------------------------------------------------------------ the briefs and the commands

    @Test
    void theBriefsShowExactlyTheseCommandsAndTheReadmeLinksThem() throws IOException {
        Set<String> inBriefs = new TreeSet<>();
        boolean inSh = false;
        for (String line : Files.readAllLines(BRIEFS)) {
            if (line.startsWith("```")) {
                inSh = !inSh && line.substring(3).trim().equals("sh");
                continue;
            }
            String command = line.replaceAll("\\s+#.*$", "").trim();
            if (inSh && command.startsWith("./lodestone ")) {
                inBriefs.add(command);
            }
        }
        assertEquals(new TreeSet<>(COMMANDS), inBriefs, "the commands of " + BRIEFS + " and of this test");
        assertTrue(Files.readString(Path.of("README.md")).contains("(docs/briefs.md)"), "README links the briefs");
    }

    // ------------------------------------------------------------------ 1. the DFARS mandate

    /** The DFARS rule costs (almost) nothing: US defense's oxide is compliant anyway (MP, under the DoD floor). */
    @Test
    void b1TheDfarsMandateCostsLittle() {
        Compare c = compare(MANDATE_LIFTED);
        double cost = -c.change("objective");
        assertTrue(cost > -TOLERANCE && cost < 50 * M, "the mandate's cost " + cost);
        assertTrue(Math.abs(c.change("cash")) < 50 * M, "its cash cost " + c.change("cash"));
        assertEquals(0, c.variant("shortfallTonnes"), 1, "nothing short without it");
        assertEquals(0, c.baseline("shortfallTonnes"), 1, "nothing short with it");
    }

    @Test
    @Tag("slow")
    void b1ThePhaseInAndTheFloorAndTheRuleForEveryBuyer() {
        double early = compare(MANDATE_FROM_2026).change("objective");
        assertTrue(early > -TOLERANCE && early < 50 * M, "the rule from 2026 costs " + early);

        Compare floor = compare(FLOOR_LIFTED);
        double floorCost = -floor.change("objective");
        assertTrue(floorCost > 100 * M && floorCost < 400 * M, "the DoD floor's expected cost " + floorCost);
        assertEquals(floor.change("objective"), floor.change("contracts"), TOLERANCE, "all of it contract payments");
        assertTrue(floor.builds().isEmpty(), "the floor changes no build: " + floor.builds());

        Compare every = compare(MANDATE_EVERY_BUYER);
        double everyCost = every.change("objective");
        assertTrue(everyCost > 100 * M && everyCost < 1500 * M, "the rule for every buyer costs " + everyCost);
        assertTrue(every.change("cash") > 0, "and cash: " + every.change("cash"));
        assertTrue(every.change("risk") < 0, "for less risk: " + every.change("risk"));
        Compare phased = compare(MANDATE_EVERY_BUYER_PHASED);
        double phasedCost = phased.change("objective");
        assertTrue(phasedCost > 0 && phasedCost < everyCost, "phased in, it costs less: " + phasedCost
                + " against " + everyCost);
        assertTrue(phased.variant("shortfallTonnes") < every.variant("shortfallTonnes"),
                "and leaves less demand short");
    }

    // ------------------------------------------------------------------ 2. defections

    /** Of the countries that could stop selling to the US, only Australia matters, and it costs no shortfall. */
    @Test
    void b2AustraliaStoppingExportsToTheUsHurtsMostAndLessThanAustraliaOffline() {
        List<JsonNode> ban = rows(run(BAN_TO_US, "--countries", "AU,CN,MY"));
        assertEquals("AU", ban.get(0).get("country").asText(), ban.toString());
        double au = ban.get(0).get("increase").asDouble();
        assertTrue(au > 10 * M && au < 500 * M, "AU's ban costs " + au);
        assertEquals(0, ban.get(0).get("shortfall").asDouble(), 1, "and leaves nothing short");
        for (JsonNode row : ban.subList(1, ban.size())) {
            assertTrue(row.get("increase").asDouble() < 10 * M, row.toString());
        }
        double offline = rows(run(OFFLINE, "--countries", "AU")).get(0).get("increase").asDouble();
        assertTrue(offline > au, "AU offline (" + offline + ") costs more than its ban to the US (" + au + ")");
        double replanned = rows(run(OFFLINE_REPLANNED.replace("AU,CN,MY,US,MW", "AU"))).get(0)
                .get("increase").asDouble();
        assertTrue(replanned <= offline + TOLERANCE && replanned > 1000 * M,
                "re-planned " + replanned + ", frozen " + offline);
    }

    @Test
    @Tag("slow")
    void b2EveryDefectionRankedAndReplannedNeverCostsMore() {
        List<JsonNode> ban = rows(run(BAN_TO_US));
        assertEquals("AU", ban.get(0).get("country").asText());
        assertTrue(ban.size() >= 10, "every country but the US: " + ban.size());
        ban.subList(1, ban.size()).forEach(r -> assertTrue(r.get("increase").asDouble() < 10 * M, r.toString()));

        List<JsonNode> offline = rows(run(OFFLINE));
        Map<String, Double> frozen = increases(offline);
        assertEquals(List.of("AU", "CN"), List.of(offline.get(0).get("country").asText(),
                offline.get(1).get("country").asText()));
        assertTrue(frozen.get("AU") > 1000 * M && frozen.get("CN") > 500 * M, frozen.toString());
        offline.forEach(r -> assertFalse(r.get("top shortfalls").toString().contains("us-defense"),
                "no country offline leaves US defense short: " + r));

        Map<String, Double> replanned = increases(rows(run(OFFLINE_REPLANNED)));
        assertEquals(Set.of("AU", "CN", "MY", "US", "MW"), replanned.keySet());
        for (Map.Entry<String, Double> e : replanned.entrySet()) {
            assertTrue(e.getValue() <= frozen.get(e.getKey()) + TOLERANCE, e.getKey() + ": re-planned " + e.getValue()
                    + ", frozen " + frozen.get(e.getKey()));
        }
        assertTrue(replanned.get("MW") < 0 && replanned.get("US") < 0,
                "cutting Malawi or the US relieves a signed contingent contract: " + replanned);

        List<JsonNode> toGermany = rows(run(BAN_TO_DE));
        assertEquals("US", toGermany.get(0).get("country").asText(), toGermany.toString());
        assertTrue(toGermany.get(0).get("increase").asDouble() > 300 * M, toGermany.get(0).toString());
        assertTrue(toGermany.get(0).get("top shortfalls").toString().contains("eu-automotive"),
                toGermany.get(0).toString());
    }

    // ------------------------------------------------------------------ 3. a price flood

    /** A flood three times as likely makes the plan cheaper in cash and changes no build: none is built. */
    @Test
    void b3ALikelierFloodBuildsAndDropsNothing() {
        Compare c = compare(FLOOD_LIKELIER);
        assertTrue(c.change("cash") < 0, "cheaper Chinese oxide: " + c.change("cash"));
        assertTrue(Math.abs(c.change("objective")) < 100 * M, "objective " + c.change("objective"));
        assertTrue(c.change("risk") > 0, "more of it Chinese: " + c.change("risk"));
        assertTrue(c.builds().isEmpty() && c.contracts().isEmpty(), c.builds() + " " + c.contracts());
    }

    @Test
    @Tag("slow")
    void b3WhatItTakesToBuildAndWhatTheFloorCostsInAFlood() {
        List<JsonNode> grant = rows(run(WHITE_MESA_GRANT));
        assertEquals(4, grant.size());
        double free = grant.get(0).get("objective").asDouble();
        double notBuilt = grant.get(3).get("objective").asDouble();
        assertTrue(notBuilt - free > 20 * M && notBuilt - free < 100 * M,
                "White Mesa phase 2 is worth " + (notBuilt - free));
        for (int i = 0; i < 3; i++) {
            assertTrue(grant.get(i).get("risk").asDouble() < grant.get(3).get("risk").asDouble(),
                    "built at capex " + grant.get(i).get("value"));
        }

        List<JsonNode> floods = rows(run(FLOOR_IN_FLOODS));
        double floorInFloods = floods.get(1).get("objective").asDouble() - floods.get(0).get("objective").asDouble();
        double floor = -compare(FLOOR_LIFTED).change("objective");
        assertTrue(floorInFloods > floor + 50 * M, "the floor costs more when floods are likelier: "
                + floorInFloods + " against " + floor);

        Compare nolans = compare(NOLANS_FREE);
        double worth = -nolans.change("objective");
        assertTrue(worth > 100 * M && worth < 1040 * M, "Nolans without capex is worth " + worth
                + ", less than its 1,040 M USD capex");
        assertTrue(nolans.builds().contains("nolans") && nolans.builds().contains("nolans-separation"),
                nolans.builds().toString());
        assertEquals(List.of("nolans-offtake"), nolans.contracts());
    }

    // ------------------------------------------------------------------ 4. the defense stockpile

    @Test
    void b4TheReserveIsWorthLittleAndNothingGoesShortWithoutIt() {
        Compare c = compare(NO_STOCKPILE);
        double worth = c.change("objective");
        assertTrue(worth > -TOLERANCE && worth < 20 * M, "the reserve is worth " + worth);
        assertEquals(0, c.variant("shortfallTonnes"), 1);
    }

    @Test
    @Tag("slow")
    void b4EvenTheCompoundShockLeavesUsDefenseServed() {
        Compare c = compare(COMPOUND_SHOCK);
        assertTrue(c.change("objective") > 100 * M && c.change("objective") < 2000 * M,
                "the compound shock costs " + c.change("objective"));
        assertTrue(c.variant("shortfallTonnes") > 100, "others go short: " + c.shortfalls());
        assertFalse(c.shortfalls().keySet().stream().anyMatch(k -> k.startsWith("us-defense")), c.shortfalls().toString());
    }

    // ------------------------------------------------------------------ 5. substitutes and recycling

    @Test
    void b5RecyclingIsWorthTensOfMillions() {
        double worth = compare(NO_RECYCLING).change("objective");
        assertTrue(worth > 20 * M && worth < 300 * M, "recycling is worth " + worth);
    }

    @Test
    @Tag("slow")
    void b5SubstitutesMatterOnlyInAShock() {
        double substitutes = compare(NO_SUBSTITUTES).change("objective");
        assertTrue(substitutes >= -0.1 * M && substitutes < 10 * M, "substitutes are worth " + substitutes);

        List<JsonNode> eu = rows(run(EU_SUBSTITUTES_IN_SHOCK));
        double[] objective = eu.stream().mapToDouble(r -> r.get("objective").asDouble()).toArray();
        assertTrue(objective[0] > objective[1] + 50 * M && objective[1] > objective[2] + 50 * M,
                "a larger reduced-Nd share saves more: " + java.util.Arrays.toString(objective));

        List<JsonNode> recycling = rows(run(RECYCLING_IN_SHOCK));
        double[] cost = recycling.stream().mapToDouble(r -> r.get("objective").asDouble()).toArray();
        assertTrue(cost[0] > cost[1] + 20 * M && cost[1] > cost[2] + 50 * M,
                "more recycling saves more: " + java.util.Arrays.toString(cost));
    }

    // ------------------------------------------------------------------ 6. the frontier

    @Test
    @Tag("slow")
    void b6TheLeastRiskEndServesDemandAtAboutOneAndAHalfTimesTheCost() {
        List<JsonNode> points = rows(run(FRONTIER));
        assertEquals(5, points.size());
        for (int i = 1; i < points.size(); i++) {
            assertTrue(points.get(i).get("risk").asDouble() > points.get(i - 1).get("risk").asDouble(), "risk rises");
            assertTrue(points.get(i).get("objective").asDouble() < points.get(i - 1).get("objective").asDouble(),
                    "cost falls");
        }
        for (JsonNode p : points) {
            assertEquals(0, p.get("shortfallTonnes").asDouble(), 1, "every point serves demand: " + p);
        }
        double leastRisk = points.get(0).get("risk").asDouble();
        double mostRisk = points.get(4).get("risk").asDouble();
        double dearest = points.get(0).get("objective").asDouble();
        double cheapest = points.get(4).get("objective").asDouble();
        assertTrue(leastRisk < 0.5 * mostRisk, leastRisk + " against " + mostRisk);
        assertTrue(dearest > 1.2 * cheapest && dearest < 2 * cheapest, dearest + " against " + cheapest);
    }

    // ------------------------------------------------------------------ 7. slips and risk aversion

    @Test
    void b7TheSlipCostsAboutOneHundredMillionExpected() {
        double slip = -compare(NO_SLIP).change("objective");
        assertTrue(slip > 30 * M && slip < 300 * M, "the two-year slip costs " + slip + " expected");
    }

    @Test
    void b7TheRiskAversePlanPaysAPremiumAndBuysNothingElse() {
        Compare c = compare(CVAR);
        assertTrue(c.change("objective") > 100 * M && c.change("objective") < 1000 * M, "" + c.change("objective"));
        assertEquals(c.change("objective"), c.variant("riskPremium"), 20 * M, "the change is the CVaR premium");
        assertTrue(Math.abs(c.change("cash")) < 20 * M, "the cash barely moves: " + c.change("cash"));
        assertTrue(c.builds().isEmpty() && c.contracts().isEmpty(), c.builds() + " " + c.contracts());
    }

    // ------------------------------------------------------------------ running a command

    /** One comparison's JSON rows: cost and figure lines by item, builds and contracts that differ, shortfalls. */
    record Compare(Map<String, double[]> lines, List<String> builds, List<String> contracts,
                   Map<String, Double> shortfalls) {
        double baseline(String item) {
            return line(item)[0];
        }

        double variant(String item) {
            return line(item)[1];
        }

        double change(String item) {
            return line(item)[2];
        }

        private double[] line(String item) {
            double[] line = lines.get(item);
            assertTrue(line != null, "no line " + item + " in " + lines.keySet());
            return line;
        }
    }

    private static Compare compare(String command) {
        JsonNode out = run(command);
        Map<String, double[]> lines = new LinkedHashMap<>();
        List<String> builds = new ArrayList<>();
        List<String> contracts = new ArrayList<>();
        Map<String, Double> shortfalls = new LinkedHashMap<>();
        for (JsonNode row : out.get("rows")) {
            String section = row.get("section").asText();
            String item = row.get("item").asText();
            switch (section) {
                case "status" -> assertEquals("OPTIMAL", row.get("variant").asText(), command);
                case "cost", "figure" -> lines.put(item, new double[] {row.get("baseline").asDouble(),
                        row.get("variant").asDouble(), row.get("change").asDouble()});
                case "build" -> builds.add(item);
                case "contract" -> contracts.add(item);
                case "shortfall" -> shortfalls.put(item, row.get("variant").asDouble());
                default -> { }
            }
        }
        return new Compare(lines, builds, contracts, shortfalls);
    }

    private static List<JsonNode> rows(JsonNode out) {
        List<JsonNode> rows = new ArrayList<>();
        out.get("rows").forEach(rows::add);
        rows.forEach(r -> assertTrue(r.get("status").asText().equals("OPTIMAL"), r.toString()));
        return rows;
    }

    private static Map<String, Double> increases(List<JsonNode> rows) {
        Map<String, Double> byCountry = new LinkedHashMap<>();
        rows.forEach(r -> byCountry.put(r.get("country").asText(), r.get("increase").asDouble()));
        return byCountry;
    }

    /**
     * Runs a command of the briefs in-process, with {@code more} arguments and {@code --format json}
     * added; files it writes land in the temporary folder, and a plan it reads is solved first.
     */
    private static JsonNode run(String command, String... more) {
        assertTrue(COMMANDS.contains(command) || command.contains("--countries"), command);
        if (!command.equals(SOLVE) && command.contains(" plan.json") && !WRITTEN.containsKey("plan.json")) {
            String out = execute(SOLVE);
            assertTrue(out.contains("OPTIMAL"), out);
        }
        List<String> args = new ArrayList<>(List.of(more));
        args.addAll(List.of("--format", "json"));
        try {
            return new ObjectMapper().readTree(execute(command, args.toArray(String[]::new)));
        } catch (IOException e) {
            throw new AssertionError(command + ": not JSON", e);
        }
    }

    private static String execute(String command, String... more) {
        List<String> words = org.lodestone.ReadmeTest.words(command.substring("./lodestone ".length()));
        List<String> args = new ArrayList<>();
        for (int i = 0; i < words.size(); i++) {
            String word = words.get(i);
            if (word.equals("-o")) {
                String name = words.get(++i);
                Path target = tmp.resolve(name);
                WRITTEN.put(name, target);
                args.add(word);
                args.add(target.toString());
            } else {
                args.add(WRITTEN.containsKey(word) ? WRITTEN.get(word).toString() : word);
            }
        }
        args.addAll(List.of(more));
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int exit = LodestoneCommand.commandLine(new PrintWriter(out, true), new PrintWriter(err, true))
                .execute(args.toArray(String[]::new));
        assertEquals(0, exit, command + "\n" + err);
        return out.toString();
    }
}
