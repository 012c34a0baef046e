package org.lodestone.benchmarks.investigations;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import com.google.ortools.Loader;
import com.google.ortools.linearsolver.MPSolver;
import com.google.ortools.modelbuilder.ModelBuilderHelper;

import org.lodestone.benchmarks.Size;
import org.lodestone.model.MipModel;
import org.lodestone.model.SourcingModel;

/**
 * Not a JMH benchmark: the hand-off variants of {@link HandOffBenchmark} taken in turns
 * (round robin) in one JVM, timed by wall clock and by the thread's CPU time. On a loaded
 * machine the turns share the same load and the CPU times hardly depend on it, which makes the
 * comparison fairer than JMH's one variant after the other. Garbage collection runs on other
 * threads and is not in the CPU times.
 *
 * <pre>java -cp benchmarks.jar org.lodestone.benchmarks.investigations.HandOffRoundRobin SIZE [ROUNDS]</pre>
 */
public final class HandOffRoundRobin {
    private HandOffRoundRobin() {}

    /** One hand-off into {@code solver} (a fresh SCIP MPSolver) or a new model builder; returns what to free. */
    interface Variant {
        Object run(MipModel model, Path file, MPSolver solver) throws Exception;
    }

    public static void main(String[] args) throws Exception {
        Size size = Size.valueOf(args.length > 0 ? args[0] : "medium");
        int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 7;
        Loader.loadNativeLibraries();
        MipModel model = SourcingModel.build(size.instance()).mip();
        Path file = Files.createTempFile("lodestone-handoff-", ".pb");
        file.toFile().deleteOnExit();

        Map<String, Variant> variants = new LinkedHashMap<>();
        variants.put("a  per-coefficient JNI (MPSolver)", (m, f, s) -> {
            HandOff.perCoefficient(s, m);
            return null;
        });
        variants.put("b  MPModelProto + loadModelFromProto", (m, f, s) -> {
            HandOff.loadProto(s, m, true);
            return null;
        });
        variants.put("b' the same, no names", (m, f, s) -> {
            HandOff.loadProto(s, m, false);
            return null;
        });
        variants.put("b\" Java proto build only", (m, f, s) -> HandOff.proto(m, true));
        variants.put("c1 ModelBuilderHelper per call", (m, f, s) -> HandOff.builderPerCall(m));
        variants.put("c2 proto file + readModelFromProtoFile", (m, f, s) -> HandOff.builderFromProtoFile(m, f));
        variants.put("c3 streamed proto file + read", (m, f, s) -> HandOff.builderFromStreamedFile(m, f));

        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        Map<String, List<double[]>> times = new LinkedHashMap<>();
        variants.keySet().forEach(k -> times.put(k, new ArrayList<>()));
        for (int round = -2; round < rounds; round++) { // two warm-up rounds
            for (Map.Entry<String, Variant> v : variants.entrySet()) {
                MPSolver solver = MPSolver.createSolver("SCIP");
                System.gc();
                long cpu0 = threads.getCurrentThreadCpuTime();
                long wall0 = System.nanoTime();
                Object made = v.getValue().run(model, file, solver);
                long wall1 = System.nanoTime();
                long cpu1 = threads.getCurrentThreadCpuTime();
                solver.delete();
                if (made instanceof ModelBuilderHelper helper) {
                    helper.delete();
                }
                if (round >= 0) {
                    times.get(v.getKey()).add(new double[] {(wall1 - wall0) / 1e6, (cpu1 - cpu0) / 1e6});
                }
            }
        }
        System.out.printf(Locale.ROOT, "%s: %,d columns, %,d rows, %,d nonzeros; %d rounds; load average %s%n",
                size, model.variables(), model.rows(), model.nonzeros(), rounds,
                Files.readString(Path.of("/proc/loadavg")).trim());
        System.out.printf(Locale.ROOT, "%-42s %12s %12s %12s%n", "variant (solver not created, not freed)",
                "wall ms med", "cpu ms med", "cpu ms min");
        for (Map.Entry<String, List<double[]>> e : times.entrySet()) {
            double[] wall = e.getValue().stream().mapToDouble(t -> t[0]).sorted().toArray();
            double[] cpu = e.getValue().stream().mapToDouble(t -> t[1]).sorted().toArray();
            System.out.printf(Locale.ROOT, "%-42s %12.1f %12.1f %12.1f%n", e.getKey(), median(wall), median(cpu),
                    Arrays.stream(cpu).min().orElse(Double.NaN));
        }
        Files.deleteIfExists(file);
    }

    private static double median(double[] sorted) {
        int n = sorted.length;
        return n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
    }
}
