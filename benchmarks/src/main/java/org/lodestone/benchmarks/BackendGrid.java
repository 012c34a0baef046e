package org.lodestone.benchmarks;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import org.lodestone.domain.Instance;
import org.lodestone.io.InstanceReader;
import org.lodestone.model.MipModel;
import org.lodestone.model.SourcingModel;
import org.lodestone.solve.Backend;
import org.lodestone.solve.LinearResult;
import org.lodestone.solve.MipSolver;
import org.lodestone.solve.SolveOptions;
import org.lodestone.solve.SolveResult;
import org.lodestone.validate.InvalidInputException;

/**
 * The backend grid of the benchmark record (not a JMH benchmark): every size, the real instance
 * among them, solved by each backend with the default options (gap 1e-4, 1 thread, seed 0),
 * the backends taken in turns within a repetition (so that a change of load hits them all
 * alike), and each model's LP relaxation solved by HiGHS's dual simplex as the reference. Each
 * measurement records its wall time, the CPU time of the whole process over it (all threads: a
 * race's two solvers, JNA's callbacks, the JIT) and the load average before it, since on a shared
 * two-core machine the wall time says as much about the neighbours as about the code.
 *
 * <pre>
 * java -Xms3g -Xmx3g -cp benchmarks/target/benchmarks.jar org.lodestone.benchmarks.BackendGrid \
 *     benchmarks/results/grid.json [SIZES] [BACKENDS] [GAP] [REPETITIONS]
 * </pre>
 * SIZES defaults to {@code tiny,small,medium,real,large} (repetitions 7, 7, 3, 3, 1; instance files,
 * {@code FILE.json}, may stand among them: 3 repetitions, or REPETITIONS if given), BACKENDS to
 * {@code SCIP,HIGHS_ORTOOLS,HIGHS,AUTO,AUTO_RACE} plus the LP relaxation ({@code LP}); the limit is
 * 120 s. {@code AUTO} decides as on this machine; {@code AUTO_RACE} is auto made to race in the
 * middle range whatever the cores ({@code -Dlodestone.auto.race=always}). After a race the
 * grid waits for the loser to stop before the next measurement, so that it does not run in it.
 */
public final class BackendGrid {
    private static final double LIMIT_SECONDS = 120;

    private BackendGrid() {}

    record Measurement(String size, int nonzeros, String backend, int repetition, double wallSeconds,
                       double cpuSeconds, double load, String status, Double objective, Double gap,
                       String solver) {
        String json() {
            return String.format(Locale.ROOT, "  {\"size\": \"%s\", \"nonzeros\": %d, \"backend\": \"%s\", "
                            + "\"repetition\": %d, \"wallSeconds\": %.4f, \"cpuSeconds\": %.4f, \"load1\": %.2f, "
                            + "\"status\": \"%s\", \"objective\": %s, \"gap\": %s, \"solver\": \"%s\"}",
                    size, nonzeros, backend, repetition, wallSeconds, cpuSeconds, load, status, number(objective),
                    number(gap), solver.replace("\"", "'"));
        }

        private static String number(Double v) {
            return v == null || !Double.isFinite(v) ? "null" : Double.toString(v);
        }
    }

    public static void main(String[] args) throws IOException {
        Path out = Path.of(args.length > 0 ? args[0] : "benchmarks/results/grid.json");
        List<String> sizes = List.of((args.length > 1 ? args[1] : "tiny,small,medium,real,large").split(","));
        List<String> backends = List.of((args.length > 2 ? args[2] : "SCIP,HIGHS_ORTOOLS,HIGHS,AUTO,AUTO_RACE")
                .split(","));
        double gap = args.length > 3 ? Double.parseDouble(args[3]) : SolveOptions.DEFAULT_GAP;
        Integer fixedRepetitions = args.length > 4 ? Integer.valueOf(args[4]) : null;
        List<Measurement> all = new ArrayList<>();
        MipSolver solver = MipSolver.create();
        for (String size : sizes) {
            boolean file = size.endsWith(".json");
            MipModel model = SourcingModel.build(file ? read(Path.of(size)) : Size.valueOf(size).instance()).mip();
            String label = file ? Path.of(size).getFileName().toString().replace(".json", "") : size;
            int repetitions = fixedRepetitions != null ? fixedRepetitions : file ? 3 : switch (Size.valueOf(size)) {
                case tiny, small -> 7;
                case large -> 1;
                default -> 3;
            };
            for (int rep = 0; rep < repetitions; rep++) {
                all.add(relaxation(label, model, solver, rep));
                for (int k = 0; k < backends.size(); k++) {
                    all.add(solve(label, model, solver, backends.get((k + rep) % backends.size()), gap, rep));
                    awaitStoppedSolvers();
                }
                write(out, all);
            }
        }
    }

    private static Instance read(Path file) {
        try {
            return InstanceReader.read(file, List.of());
        } catch (InvalidInputException e) {
            throw new IllegalArgumentException(file + " is not a valid instance: " + e.getMessage(), e);
        }
    }

    private static Measurement relaxation(String size, MipModel model, MipSolver solver, int rep) {
        double load = loadAverage();
        long cpu = processCpu();
        long started = System.nanoTime();
        LinearResult lp = solver.solveLinear(model, LIMIT_SECONDS);
        Measurement m = new Measurement(size, model.nonzeros(), "LP", rep, (System.nanoTime() - started) / 1e9,
                (processCpu() - cpu) / 1e9, load, lp.optimal() ? "OPTIMAL" : "NOT_SOLVED",
                lp.optimal() ? lp.objective() : null, null, "HiGHS dual simplex");
        print(m);
        return m;
    }

    private static Measurement solve(String size, MipModel model, MipSolver solver, String name, double gap, int rep) {
        boolean race = name.equals("AUTO_RACE");
        Backend backend = Backend.valueOf(race ? "AUTO" : name);
        SolveOptions options = SolveOptions.defaults().withBackend(backend).withTimeLimit(LIMIT_SECONDS).withGap(gap);
        if (race) {
            System.setProperty("lodestone.auto.race", "always");
        }
        double load = loadAverage();
        long cpu = processCpu();
        long started = System.nanoTime();
        SolveResult r;
        try {
            r = solver.solve(model, options);
        } finally {
            System.clearProperty("lodestone.auto.race");
        }
        Measurement m = new Measurement(size, model.nonzeros(), name, rep,
                (System.nanoTime() - started) / 1e9, (processCpu() - cpu) / 1e9, load, r.termination().name(),
                r.objective(), r.gap(), r.solverName() + " " + r.solverVersion());
        print(m);
        return m;
    }

    /** Waits for a race's loser (a thread named lodestone-auto-…) to stop. */
    private static void awaitStoppedSolvers() {
        for (Thread t : Thread.getAllStackTraces().keySet()) {
            if (t.getName().startsWith("lodestone-auto-")) {
                try {
                    t.join();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return;
                }
            }
        }
    }

    private static void print(Measurement m) {
        System.out.printf(Locale.ROOT, "%-7s %-14s rep %d  %8.3f s wall  %8.3f s cpu  load %5.2f  %s gap %s  (%s)%n",
                m.size(), m.backend(), m.repetition(), m.wallSeconds(), m.cpuSeconds(), m.load(), m.status(),
                m.gap() == null ? "-" : String.format(Locale.ROOT, "%.2e", m.gap()), m.solver());
    }

    private static void write(Path out, List<Measurement> all) throws IOException {
        if (out.getParent() != null) {
            Files.createDirectories(out.getParent());
        }
        StringBuilder json = new StringBuilder("[\n");
        for (int i = 0; i < all.size(); i++) {
            json.append(all.get(i).json()).append(i + 1 < all.size() ? ",\n" : "\n");
        }
        Files.writeString(out, json.append("]\n"), StandardCharsets.UTF_8);
    }

    private static long processCpu() {
        return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
                .getProcessCpuTime();
    }

    private static double loadAverage() {
        return ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
    }
}
