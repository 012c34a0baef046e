package org.lodestone.generate;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Maximum flow of concentrate from mines to refineries (Dinic's algorithm), for the
 * reachable-supply estimate of {@link ReachableSupply}. Edges come in pairs, an edge and its
 * reverse at index {@code e ^ 1}; the flow on an edge is the residual capacity of its reverse.
 */
final class MaxFlow {
    private static final double EPSILON = 1e-9;

    /** The last edge added out of each node, -1 for none; edges of a node are chained by {@link #nextOf}. */
    private final int[] firstEdge;
    private final List<Integer> target = new ArrayList<>();
    private final List<Integer> nextOf = new ArrayList<>();
    private final List<double[]> residual = new ArrayList<>();
    /** Breadth-first distance from the source, per node, in the current phase. */
    private int[] level;
    /** The next edge each node's depth-first search tries, per node, in the current phase. */
    private int[] nextEdge;

    private MaxFlow(int nodes) {
        firstEdge = new int[nodes];
        Arrays.fill(firstEdge, -1);
    }

    /** Adds an edge of capacity {@code capacity} and its reverse; returns the edge's index. */
    private int add(int from, int to, double capacity) {
        target.add(to);
        nextOf.add(firstEdge[from]);
        residual.add(new double[] {capacity});
        firstEdge[from] = target.size() - 1;
        target.add(from);
        nextOf.add(firstEdge[to]);
        residual.add(new double[] {0});
        firstEdge[to] = target.size() - 1;
        return target.size() - 2;
    }

    /**
     * The shipments x[m][r] of a maximum flow over the {@code allowed} pairs that first
     * maximises the flow over the {@code first} pairs (augmenting paths never lower what
     * already reaches the sink through a refinery, so the first phase's refineries keep it).
     */
    static double[][] transport(double[] mineCapacity, double[] refineryCapacity, boolean[][] first,
                                boolean[][] allowed) {
        int mines = mineCapacity.length;
        int refineries = refineryCapacity.length;
        int source = mines + refineries;
        int sink = source + 1;
        MaxFlow network = new MaxFlow(mines + refineries + 2);
        for (int m = 0; m < mines; m++) {
            network.add(source, m, mineCapacity[m]);
        }
        for (int r = 0; r < refineries; r++) {
            network.add(mines + r, sink, refineryCapacity[r]);
        }
        int[][] edge = new int[mines][refineries];
        for (int m = 0; m < mines; m++) {
            for (int r = 0; r < refineries; r++) {
                edge[m][r] = allowed[m][r]
                        ? network.add(m, mines + r, first[m][r] ? Double.POSITIVE_INFINITY : 0) : -1;
            }
        }
        network.run(source, sink);
        for (int m = 0; m < mines; m++) {
            for (int r = 0; r < refineries; r++) {
                if (edge[m][r] >= 0 && !first[m][r]) {
                    network.residual.get(edge[m][r])[0] = Double.POSITIVE_INFINITY;
                }
            }
        }
        network.run(source, sink);
        double[][] shipped = new double[mines][refineries];
        for (int m = 0; m < mines; m++) {
            for (int r = 0; r < refineries; r++) {
                if (edge[m][r] >= 0) {
                    shipped[m][r] = network.residual.get(edge[m][r] ^ 1)[0];
                }
            }
        }
        return shipped;
    }

    private void run(int source, int sink) {
        while (levels(source, sink)) {
            nextEdge = firstEdge.clone();
            while (augment(source, sink, Double.POSITIVE_INFINITY) > EPSILON) {
                // augment until blocked
            }
        }
    }

    /** Sets {@link #level} by a breadth-first search over edges with capacity left; whether the sink is reached. */
    private boolean levels(int source, int sink) {
        level = new int[firstEdge.length];
        Arrays.fill(level, -1);
        int[] queue = new int[firstEdge.length];
        int head = 0;
        int tail = 0;
        queue[tail++] = source;
        level[source] = 0;
        while (head < tail) {
            int node = queue[head++];
            for (int e = firstEdge[node]; e >= 0; e = nextOf.get(e)) {
                int to = target.get(e);
                if (level[to] < 0 && residual.get(e)[0] > EPSILON) {
                    level[to] = level[node] + 1;
                    queue[tail++] = to;
                }
            }
        }
        return level[sink] >= 0;
    }

    /** Pushes up to {@code pushed} along one path of rising levels from {@code node} to the sink; returns how much. */
    private double augment(int node, int sink, double pushed) {
        if (node == sink) {
            return pushed;
        }
        for (; nextEdge[node] >= 0; nextEdge[node] = nextOf.get(nextEdge[node])) {
            int e = nextEdge[node];
            int to = target.get(e);
            if (level[to] == level[node] + 1 && residual.get(e)[0] > EPSILON) {
                double sent = augment(to, sink, Math.min(pushed, residual.get(e)[0]));
                if (sent > EPSILON) {
                    residual.get(e)[0] -= sent;
                    residual.get(e ^ 1)[0] += sent;
                    return sent;
                }
            }
        }
        return 0;
    }
}
