package org.lodestone.model;

import java.util.ArrayList;
import java.util.List;

import org.lodestone.domain.Instance;
import org.lodestone.domain.Scenario;

/**
 * Non-anticipativity (instance-reference.md Rule 13) as a tree of information nodes: in year t the scenarios
 * not yet revealed (year(t) &lt; revealYear) cannot be told apart and form one node, the pool of
 * year t; every revealed scenario is a node of its own. The model gives each node one set of
 * operating columns, so tied scenarios share their decisions instead of being made equal by rows.
 * A scenario without revealYear is revealed at the start: every node is a single scenario, the
 * model of version 1.
 *
 * <p>Pools only shrink over time, so the node of a scenario in year t − 1 is fixed by its node
 * in year t: the nodes form a tree, and a stock carried from year to year links a node to one
 * parent.
 */
final class InformationNodes {
    /** What a pool of several scenarios is called in column and row names, where a scenario id would stand. */
    static final String POOL_NAME = "unrevealed";

    private final Instance instance;
    /** [t] the scenarios not yet revealed in year t, by index. */
    private final int[][] pools;

    InformationNodes(Instance instance) {
        this.instance = instance;
        int years = instance.horizon().years();
        int start = instance.horizon().start();
        pools = new int[years][];
        for (int t = 0; t < years; t++) {
            List<Integer> pool = new ArrayList<>();
            for (int s = 0; s < instance.scenarios().size(); s++) {
                if (start + t < revealYear(instance.scenarios().get(s))) {
                    pool.add(s);
                }
            }
            pools[t] = pool.stream().mapToInt(Integer::intValue).toArray();
        }
    }

    private int revealYear(Scenario scenario) {
        return scenario.revealYear().orElse(instance.horizon().start());
    }

    /** The scenarios of the node of scenario s in year t, by index, in instance order. */
    int[] members(int s, int t) {
        return unrevealed(s, t) ? pools[t].clone() : new int[] {s};
    }

    /** The first scenario of the node of s in year t: the one whose turn builds the node's columns. */
    int representative(int s, int t) {
        return unrevealed(s, t) ? pools[t][0] : s;
    }

    /** The node as names show it: the scenario id of a single scenario, {@link #POOL_NAME} for several. */
    String name(int s, int t) {
        int[] members = members(s, t);
        return members.length == 1 ? instance.scenarios().get(members[0]).id() : POOL_NAME;
    }

    private boolean unrevealed(int s, int t) {
        return instance.horizon().start() + t < revealYear(instance.scenarios().get(s));
    }
}
