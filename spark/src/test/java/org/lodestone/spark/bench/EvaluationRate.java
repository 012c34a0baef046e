package org.lodestone.spark.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import org.lodestone.io.InstanceReader;
import org.lodestone.plan.Plan;
import org.lodestone.plan.Planner;
import org.lodestone.saa.Cancel;
import org.lodestone.saa.Engine;
import org.lodestone.saa.Engines;
import org.lodestone.solve.Backend;
import org.lodestone.solve.SolveOptions;

/**
 * Evaluations per second of one engine (benchmarks/spark-evaluations.sh runs it per mode):
 * solves INSTANCE once for a first stage, then runs TASKS evaluations of it twice on MASTER — the
 * first run cold (executors load OR-Tools, a cluster fetches the jars), the second warm — and
 * prints one tab-separated line: master, instance, tasks, engine start s, cold s, warm s, warm
 * evaluations/s, load average.
 *
 *   EvaluationRate MASTER INSTANCE TASKS
 */
public final class EvaluationRate {
    public static void main(String[] args) throws Exception {
        String master = args[0];
        Path instance = Path.of(args[1]);
        int count = Integer.parseInt(args[2]);
        String json = Files.readString(instance);
        Plan plan = new Planner().solve(InstanceReader.read(instance, List.of()),
                SolveOptions.defaults().withBackend(Backend.HIGHS), false).plan();
        Map<String, int[]> builds = new HashMap<>();
        plan.builds().forEach(b -> builds.put(b.facility(), new int[] {b.startYear(), b.modules()}));
        Set<String> held = new HashSet<>();
        plan.contracts().stream().filter(Plan.ContractChoice::held).forEach(c -> held.add(c.id()));
        List<EvaluateTask> tasks = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            tasks.add(new EvaluateTask(i, json, 0.5 + 0.05 * (i % 11), builds, held));
        }

        long t0 = System.nanoTime();
        try (Engine engine = Engines.open(master, 1300)) {
            double start = seconds(t0);
            long t1 = System.nanoTime();
            List<EvaluateTask.Row> cold = engine.run(tasks, Engine.Listener.NONE, new Cancel());
            double coldS = seconds(t1);
            long t2 = System.nanoTime();
            List<EvaluateTask.Row> warm = engine.run(tasks, Engine.Listener.NONE, new Cancel());
            double warmS = seconds(t2);
            if (!cold.equals(warm)) {
                throw new AssertionError("two runs of the same evaluations differ");
            }
            long solved = warm.stream().filter(r -> !r.status().equals("NO_SOLUTION")).count();
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
