package org.lodestone.analysis;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;

import org.lodestone.analysis.Figures.BuyerElement;
import org.lodestone.analysis.Figures.Stage;
import org.lodestone.domain.Instance;
import org.lodestone.plan.Plan;

/**
 * Two plans side by side: a baseline and a variant (the same instance with values changed, or
 * another instance). Every figure is expected over scenarios; money is discounted USD, tonnes are
 * summed over the horizon. {@code change} is always variant − baseline.
 *
 * <p>Without a plan on one side, its figures are NaN and the lists of builds, contracts,
 * shortfalls and sourcing are empty (there is nothing to compare).
 */
public final class Comparison {
    private Comparison() {}

    /** One number on both sides: {@code item} is "objective", a name of {@link Figures#COST_PARTS}, "risk" or "shortfallTonnes". */
    public record Line(String item, double baseline, double variant) {
        public double change() {
            return variant - baseline;
        }
    }

    /** A facility built differently: its build on each side, null where it is not built. */
    public record BuildChange(String facility, Plan.Build baseline, Plan.Build variant) {}

    /** A contract held on one side and not on the other. */
    public record ContractChange(String id, boolean baselineHeld, boolean variantHeld) {}

    /** Expected shortfall tonnes of a buyer and element (0 where none). */
    public record ShortfallChange(String buyer, String element, double baseline, double variant) {
        public double change() {
            return variant - baseline;
        }
    }

    /** Expected t REO mined (or refined) in a country over the horizon (0 where none). */
    public record SourcingChange(Stage stage, String country, double baseline, double variant) {
        public double change() {
            return variant - baseline;
        }
    }

    /**
     * @param summary objective, the cost parts of {@link Figures#COST_PARTS}, risk (expected
     *     risk-tonnes) and shortfallTonnes, in that order
     * @param builds facilities whose build (start year or modules) differs, by facility id
     * @param contracts contracts held in one plan and not the other, by id
     * @param shortfalls every buyer and element short on either side, sorted
     * @param sourcing every country with tonnes on either side, mined first then refined, sorted by country
     */
    public record Result(Solved baseline, Solved variant, List<Line> summary, List<BuildChange> builds,
                         List<ContractChange> contracts, List<ShortfallChange> shortfalls,
                         List<SourcingChange> sourcing) {
        /** Whether both solves found a plan. */
        public boolean complete() {
            return baseline.hasPlan() && variant.hasPlan();
        }

        /** The summary line of an item, e.g. "objective". */
        public Line line(String item) {
            return summary.stream().filter(l -> l.item().equals(item)).findFirst()
                    .orElseThrow(() -> new IllegalArgumentException("no summary item " + item));
        }
    }

    /** Solves both instances (at once when {@code settings.parallel() > 1}) and compares the plans. */
    public static Result run(Instance baseline, Instance variant, Settings settings) {
        List<Solved> solved = Batch.solve(List.of(new Batch.Job("baseline", baseline),
                new Batch.Job("variant", variant)), settings, 1, 2);
        return of(solved.get(0), solved.get(1));
    }

    /** Compares two solved plans (no solving). */
    public static Result of(Solved baseline, Solved variant) {
        Plan a = baseline.plan();
        Plan b = variant.plan();
        List<Line> summary = new ArrayList<>();
        summary.add(new Line("objective", Figures.objective(a), Figures.objective(b)));
        summary.add(new Line("cash", Figures.cash(a), Figures.cash(b)));
        double[] pa = Figures.costParts(baseline.instance(), a);
        double[] pb = Figures.costParts(variant.instance(), b);
        for (int i = 0; i < Figures.COST_PARTS.size(); i++) {
            summary.add(new Line(Figures.COST_PARTS.get(i), pa[i], pb[i]));
        }
        summary.add(new Line("risk", Figures.risk(a), Figures.risk(b)));
        summary.add(new Line("shortfallTonnes", Figures.shortfallTonnes(a), Figures.shortfallTonnes(b)));
        if (!baseline.hasPlan() || !variant.hasPlan()) {
            return new Result(baseline, variant, summary, List.of(), List.of(), List.of(), List.of());
        }
        return new Result(baseline, variant, summary, builds(a, b), contracts(a, b), shortfalls(a, b),
                sourcing(baseline, variant));
    }

    private static List<BuildChange> builds(Plan a, Plan b) {
        Map<String, Plan.Build> ba = byFacility(a);
        Map<String, Plan.Build> bb = byFacility(b);
        TreeSet<String> facilities = new TreeSet<>(ba.keySet());
        facilities.addAll(bb.keySet());
        List<BuildChange> out = new ArrayList<>();
        for (String f : facilities) {
            Plan.Build x = ba.get(f);
            Plan.Build y = bb.get(f);
            boolean same = x != null && y != null && x.startYear() == y.startYear() && x.modules() == y.modules();
            if (!same) {
                out.add(new BuildChange(f, x, y));
            }
        }
        return out;
    }

    private static Map<String, Plan.Build> byFacility(Plan plan) {
        Map<String, Plan.Build> out = new LinkedHashMap<>();
        for (Plan.Build build : plan.builds()) {
            out.put(build.facility(), build);
        }
        return out;
    }

    private static List<ContractChange> contracts(Plan a, Plan b) {
        TreeSet<String> ha = new TreeSet<>(Figures.held(a));
        TreeSet<String> hb = new TreeSet<>(Figures.held(b));
        TreeSet<String> all = new TreeSet<>(ha);
        all.addAll(hb);
        List<ContractChange> out = new ArrayList<>();
        for (String id : all) {
            if (ha.contains(id) != hb.contains(id)) {
                out.add(new ContractChange(id, ha.contains(id), hb.contains(id)));
            }
        }
        return out;
    }

    private static List<ShortfallChange> shortfalls(Plan a, Plan b) {
        Map<BuyerElement, Double> qa = Figures.shortfalls(a);
        Map<BuyerElement, Double> qb = Figures.shortfalls(b);
        TreeSet<BuyerElement> keys = new TreeSet<>(qa.keySet());
        keys.addAll(qb.keySet());
        List<ShortfallChange> out = new ArrayList<>();
        for (BuyerElement k : keys) {
            out.add(new ShortfallChange(k.buyer(), k.element(), qa.getOrDefault(k, 0.0), qb.getOrDefault(k, 0.0)));
        }
        return out;
    }

    private static List<SourcingChange> sourcing(Solved a, Solved b) {
        List<SourcingChange> out = new ArrayList<>();
        for (Stage stage : Stage.values()) {
            Map<String, Double> sa = Figures.sourcing(a.instance(), a.plan(), stage);
            Map<String, Double> sb = Figures.sourcing(b.instance(), b.plan(), stage);
            TreeMap<String, Boolean> countries = new TreeMap<>();
            sa.keySet().forEach(c -> countries.put(c, true));
            sb.keySet().forEach(c -> countries.put(c, true));
            for (String c : countries.keySet()) {
                out.add(new SourcingChange(stage, c, sa.getOrDefault(c, 0.0), sb.getOrDefault(c, 0.0)));
            }
        }
        return out;
    }
}
