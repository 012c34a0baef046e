package org.lodestone.plan;

import java.io.Serializable;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;

import org.lodestone.model.SourcingModel;

/**
 * The here-and-now decisions of a plan — what is built (facility, start year, modules) and which
 * optional contracts are held — that stay fixed while operations adapt to each future. Two plans
 * with the same first stage are the same candidate.
 *
 * @param builds sorted by facility id
 * @param held ids of the contracts held, sorted
 */
public record FirstStage(List<Build> builds, List<String> held) implements Serializable {
    public record Build(String facility, int startYear, int modules) implements Serializable {}

    public FirstStage {
        builds = builds.stream().sorted(Comparator.comparing(Build::facility)).toList();
        held = held.stream().sorted().toList();
    }

    /** The first stage of a plan with a solution. */
    public static FirstStage of(Plan plan) {
        if (!plan.status().hasSolution()) {
            throw new IllegalArgumentException("the plan has status " + plan.status() + ": no decisions to evaluate");
        }
        return new FirstStage(plan.builds().stream().map(b -> new Build(b.facility(), b.startYear(), b.modules()))
                .toList(), plan.contracts().stream().filter(Plan.ContractChoice::held).map(Plan.ContractChoice::id)
                .toList());
    }

    /**
     * Fixes {@code model}'s builds and holds to these.
     *
     * @throws IllegalArgumentException when a build is not one the model can represent
     */
    public void fix(SourcingModel model) {
        Map<String, int[]> byFacility = new HashMap<>();
        builds.forEach(b -> byFacility.put(b.facility(), new int[] {b.startYear(), b.modules()}));
        model.fixFirstStage(byFacility, new HashSet<>(held));
    }

    /** "builds: a 2027 (2 modules), b 2028; holds: k1, k2" — for summaries. */
    public String describe() {
        String b = builds.isEmpty() ? "nothing built" : "builds " + String.join(", ", builds.stream()
                .map(x -> x.facility() + " " + x.startYear() + (x.modules() > 1 ? " (" + x.modules() + " modules)" : ""))
                .toList());
        String h = held.isEmpty() ? "no optional contract held" : "holds " + String.join(", ", held);
        return b + "; " + h;
    }
}
