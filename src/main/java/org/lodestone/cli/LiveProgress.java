package org.lodestone.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.LongSupplier;

import org.lodestone.analysis.Progress;
import org.lodestone.solve.SolverProgress;

/**
 * Progress on stderr for a person at a terminal: a line "solve k of n: …" as each solve of an
 * analysis starts and, once a solve has run for {@link #QUIET_SECONDS}, one status line redrawn
 * in place with the elapsed time, what the solver is doing, its incumbent, bound and gap. The
 * status line is wiped when the solve ends, so what follows on the terminal starts clean.
 *
 * <pre>
 * solve 3 of 11: value 0.2 ...
 *   [14 s] SCIP branch and bound, node 200: best 11.46 bn, bound 11.40 bn, gap 0.52 %
 * </pre>
 */
final class LiveProgress implements Progress, AutoCloseable {
    /** A solve shorter than this shows no status line. */
    static final double QUIET_SECONDS = 2.0;
    private static final long REDRAW_MILLIS = 500;

    private final PrintWriter err;
    private final LongSupplier clock;
    private final ScheduledExecutorService ticker;
    private final Consumer<SolverProgress> listener = this::heard;

    private long started = -1; // nanos, -1 while no solve runs
    private SolverProgress latest;
    private int drawnWidth;
    /** Set at Ctrl-C: nothing is drawn any more. */
    private boolean halted;

    /** Redraws on its own timer (a daemon thread). */
    LiveProgress(PrintWriter err) {
        this(err, System::nanoTime, true);
    }

    /** With {@code timer} false nothing is drawn unless {@link #redraw()} is called (tests). */
    LiveProgress(PrintWriter err, LongSupplier clock, boolean timer) {
        this.err = err;
        this.clock = clock;
        if (timer) {
            this.ticker = Executors.newSingleThreadScheduledExecutor(r -> {
                Thread t = new Thread(r, "lodestone-progress");
                t.setDaemon(true);
                return t;
            });
            ticker.scheduleAtFixedRate(this::redraw, REDRAW_MILLIS, REDRAW_MILLIS, TimeUnit.MILLISECONDS);
        } else {
            this.ticker = null;
        }
    }

    /**
     * A display on {@code err} when a person is watching (stderr is a terminal) and not
     * {@code quiet}; otherwise null. {@code -Dlodestone.progress=always} draws it whatever stderr
     * is (a log file, a test reading the phases of a solve), unless {@code quiet}.
     */
    static LiveProgress forTerminal(PrintWriter err, boolean quiet) {
        boolean always = "always".equals(System.getProperty("lodestone.progress"));
        if (quiet || !(always || System.console() != null || stderrIsTerminal())) {
            return null;
        }
        return new LiveProgress(err);
    }

    /**
     * Whether the process's stderr is a terminal even though stdout is not ({@code --format csv > file}),
     * where the JVM can tell (Linux); {@link System#console()} needs both to be one.
     */
    private static boolean stderrIsTerminal() {
        try {
            Path fd = Path.of("/proc/self/fd/2");
            if (!Files.isSymbolicLink(fd)) {
                return false;
            }
            String target = Files.readSymbolicLink(fd).toString();
            return target.startsWith("/dev/pts/") || target.startsWith("/dev/tty");
        } catch (IOException | RuntimeException e) {
            return false;
        }
    }

    @Override
    public void starting(int number, int total, String label) {
        synchronized (err) {
            if (halted) {
                return;
            }
            wipe();
            err.printf(Locale.ROOT, "solve %d of %d: %s ...%n", number, total, label);
            err.flush();
            begin();
        }
    }

    /** A single solve starts (no "solve k of n" line). */
    void begin() {
        synchronized (err) {
            if (halted) {
                return;
            }
            started = clock.getAsLong();
            latest = null;
        }
    }

    @Override
    public void finished(int number) {
        end();
    }

    /** The running solve has ended: the status line goes. */
    void end() {
        synchronized (err) {
            started = -1;
            latest = null;
            wipe();
        }
    }

    @Override
    public Consumer<SolverProgress> solverProgress() {
        return listener;
    }

    private void heard(SolverProgress progress) {
        synchronized (err) {
            if (started >= 0) {
                latest = progress;
            }
        }
    }

    /**
     * Ctrl-C (or SIGTERM): the status line is wiped, {@code note} (if not null) is said in its
     * place, and nothing is drawn after it: what the solver reports while it stops is not progress.
     */
    void halt(String note) {
        synchronized (err) {
            if (halted) {
                return;
            }
            halted = true;
            started = -1;
            latest = null;
            wipe();
            if (note != null) {
                err.println(note);
            }
            err.flush();
        }
    }

    /** Draws the status line of the running solve, if it has run long enough. */
    void redraw() {
        synchronized (err) {
            if (started < 0 || halted) {
                return;
            }
            double seconds = (clock.getAsLong() - started) / 1e9;
            if (seconds < QUIET_SECONDS) {
                return;
            }
            String line = statusLine(seconds, latest);
            err.print("\r" + line + " ".repeat(Math.max(0, drawnWidth - line.length())));
            err.flush();
            drawnWidth = line.length();
        }
    }

    @Override
    public void close() {
        if (ticker != null) {
            ticker.shutdownNow();
        }
        end();
    }

    private void wipe() {
        if (drawnWidth > 0) {
            err.print("\r" + " ".repeat(drawnWidth) + "\r");
            err.flush();
            drawnWidth = 0;
        }
    }

    /** "  [14 s] SCIP root node: best 11.46 bn, bound 11.40 bn, gap 0.52 %" (USD). */
    static String statusLine(double seconds, SolverProgress p) {
        StringBuilder s = new StringBuilder(String.format(Locale.ROOT, "  [%.0f s] ", Math.floor(seconds)));
        if (p == null) {
            return s.append("solving ...").toString();
        }
        s.append(p.solver()).append(' ').append(p.phase());
        if (p.incumbent() != null || p.bound() != null) {
            s.append(": best ").append(money(p.incumbent())).append(", bound ").append(money(p.bound()));
            Double gap = p.gap();
            if (gap != null) {
                s.append(", gap ").append(gap >= 10 ? "> 1000 %" : String.format(Locale.ROOT, "%.2f %%", 100 * gap));
            }
        }
        return s.toString();
    }

    /**
     * Four significant figures in millions or billions of USD: the solvers print rounded
     * values, and a status line redrawn twice a second is read at a glance.
     */
    static String money(Double v) {
        if (v == null) {
            return "-";
        }
        double a = Math.abs(v);
        if (a >= 1e9) {
            return String.format(Locale.ROOT, "%,.4g bn", v / 1e9);
        }
        if (a >= 1e6) {
            return String.format(Locale.ROOT, "%,.4g M", v / 1e6);
        }
        return String.format(Locale.ROOT, "%,.0f", v);
    }
}
