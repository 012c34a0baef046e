package org.lodestone.report;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.stream.Stream;

import org.lodestone.domain.Facility;
import org.lodestone.domain.Instance;
import org.lodestone.domain.Scenario;
import org.lodestone.plan.Plan;

/**
 * Builds that come online late in some scenarios (instance-reference.md §7.8). A plan's {@code onlineYear}
 * is the planned year, startYear + leadTime; the year a scenario actually gets the capacity is
 * later by that scenario's delay for the facility, which summaries and reports show next to it.
 */
final class LateBuilds {
    /** Scenarios listed by name in {@link #describe}; beyond this a delayed year gives only their number. */
    static final int NAMED = 2;

    private LateBuilds() {}

    /** In scenario {@code scenario} the build comes online in {@code year}, later than planned. */
    record Late(String scenario, int year) {}

    /** The scenarios in which {@code build} comes online late, in the instance's order; empty for none. */
    static List<Late> of(Instance instance, Plan.Build build) {
        Optional<Facility> facility = Stream.concat(instance.mines().stream(), instance.refineries().stream())
                .map(Facility.class::cast).filter(f -> f.id().equals(build.facility())).findFirst();
        List<Late> late = new ArrayList<>();
        if (facility.isEmpty()) {
            return late;
        }
        for (Scenario scenario : instance.scenarios()) {
            int delay = scenario.delay(facility.get());
            if (delay > 0) {
                late.add(new Late(scenario.id(), build.onlineYear() + delay));
            }
        }
        return late;
    }

    /**
     * The delayed years, each with the scenarios it holds in: {@code "late: 2030"} (scenario "late"),
     * {@code "s2, s3: 2030; 2031 in 4 scenarios"}; bounded in length however many scenarios there are.
     */
    static String describe(List<Late> late) {
        List<String> parts = new ArrayList<>();
        byYear(late).forEach((year, scenarios) -> parts.add(scenarios.size() <= NAMED
                ? String.join(", ", scenarios) + ": " + year
                : year + " in " + scenarios.size() + " scenarios"));
        return String.join("; ", parts);
    }

    /** Each delayed online year, earliest first, with the scenarios in which the build comes online then. */
    static Map<Integer, List<String>> byYear(List<Late> late) {
        Map<Integer, List<String>> byYear = new TreeMap<>();
        late.forEach(l -> byYear.computeIfAbsent(l.year(), y -> new ArrayList<>()).add(l.scenario()));
        return byYear;
    }
}
