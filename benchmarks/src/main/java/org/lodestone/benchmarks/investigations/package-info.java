/**
 * Investigations whose decisions are taken and recorded (benchmarks/README.md, the results in
 * benchmarks/recorded/): how to hand a model to OR-Tools ({@link
 * org.lodestone.benchmarks.investigations.HandOffBenchmark}, {@link
 * org.lodestone.benchmarks.investigations.HandOffRoundRobin}), and where SCIP spends its time on
 * the large instance ({@link org.lodestone.benchmarks.investigations.ScipProbe}). Kept so that
 * the recorded numbers can be reproduced and the questions reopened (a new OR-Tools, a harder
 * model), not run by the short pass of CI.
 */
package org.lodestone.benchmarks.investigations;
