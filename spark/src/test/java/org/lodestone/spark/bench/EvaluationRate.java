package org.lodestone.spark.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import org.lodestone.io.InstanceReader;
import org.lodestone.plan.Plan;
import org.lodestone.plan.Planner;
import org.lodestone.saa.Cancel;
import org.lodestone.saa.Engine;
import org.lodestone.saa.Engines;
import org.lodestone.saa.EvaluateFuture;
import org.lodestone.plan.FirstStage;
import org.lodestone.saa.FutureCost;
import org.lodestone.saa.Futures;
import org.lodestone.saa.SolveSpec;
import org.lodestone.solve.SolveOptions;

/**
 * Evaluations per second of one engine (benchmarks/spark-evaluations.sh runs it per mode): solves
 * INSTANCE (which must have a disruption model) once for a first stage, then runs TASKS of
 * {@code lodestone evaluate}'s own tasks (futures 1..TASKS of seed 1, operations re-optimised with
 * the default solver) twice on MASTER — the first run cold (executors load OR-Tools, a cluster
 * fetches the jars), the second warm — and prints one tab-separated line: engine, instance, tasks,
 * engine start s, cold s, warm s, warm evaluations/s, load average, notes.
 *
 *   EvaluationRate MASTER INSTANCE TASKS
 */
public final class EvaluationRate {
    public static void main(String[] args) throws Exception {
        String master = args[0];
        Path instance = Path.of(args[1]);
        int count = Integer.parseInt(args[2]);
        Futures futures = Futures.of(InstanceReader.readTree(instance));
        Plan plan = new Planner().solve(futures.instance(), SolveOptions.defaults(), false).plan();
        FirstStage stage = FirstStage.of(plan);
        SolveSpec spec = SolveSpec.of(SolveOptions.defaults());
        String text = futures.text();
        List<EvaluateFuture> tasks = new ArrayList<>();
        for (int k = 0; k < count; k++) {
            tasks.add(new EvaluateFuture(text, 1, k, stage, spec));
        }

        long t0 = System.nanoTime();
        try (Engine engine = Engines.open(master, 1300)) {
            double start = seconds(t0);
            long t1 = System.nanoTime();
            List<FutureCost> cold = engine.run(tasks, Engine.Listener.NONE, new Cancel());
            double coldS = seconds(t1);
            long t2 = System.nanoTime();
            List<FutureCost> warm = engine.run(tasks, Engine.Listener.NONE, new Cancel());
            double warmS = seconds(t2);
            if (!cold.equals(warm)) {
                throw new AssertionError("two runs of the same evaluations differ");
            }
            long solved = warm.stream().filter(FutureCost::solved).count();
            String load = Files.readString(Path.of("/proc/loadavg")).split(" ")[0];
            System.out.println(String.format(Locale.ROOT, "%s\t%s\t%d\t%.1f\t%.1f\t%.1f\t%.2f\t%s\t%d solved, %s",
                    engine.description(), instance.getFileName(), count, start, coldS, warmS, count / warmS, load,
                    solved, engine.parallelism() + " at once"));
        }
    }

    private static double seconds(long since) {
        return (System.nanoTime() - since) / 1e9;
    }
}
