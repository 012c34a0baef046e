package org.lodestone.solve;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.function.Consumer;

import com.sun.jna.Library;
import com.sun.jna.Native;
import com.sun.jna.Platform;
import com.sun.jna.Pointer;

/**
 * Reads what native solvers print, line by line, while they run. OR-Tools gives Java no
 * callback of SCIP's, HiGHS's or CBC's progress (its log callback serves only GLOP and CP-SAT),
 * but each of them prints its log to the process's standard output. For the length of a solve,
 * file descriptor 1 is pointed at a pipe (POSIX {@code pipe}, {@code dup2} through JNA), a thread
 * reads the lines, and afterwards descriptor 1 is put back.
 *
 * <p>Descriptor 1 belongs to the whole process, so there is one redirection, shared: one listener
 * at a time hears the lines (a second {@link #start} returns {@code null} and its solver stays
 * quiet), and any number of {@link #quiet} holders keep it in place while they run. Whatever Java prints to
 * {@code System.out} during a capture goes into the pipe too: callers print nothing on stdout
 * while a solve runs (Lodestone writes progress on stderr). Where the platform has no POSIX C
 * library (Windows) or JNA cannot load, there is no capture and solves run as before.
 */
final class NativeStdout implements AutoCloseable {
    /** The few libc functions used. */
    interface LibC extends Library {
        int pipe(int[] fds);

        int dup(int fd);

        int dup2(int from, int to);

        int close(int fd);

        long read(int fd, byte[] buffer, long count);

        long write(int fd, byte[] buffer, long count);

        int fflush(Pointer stream);
    }

    private static final int STDOUT = 1;
    private static volatile LibC libc;
    private static volatile boolean unavailable;

    /** The one redirection of descriptor 1, shared by every holder; null when none is running. */
    private static Redirection current;
    private static int holders;
    /** Where captured lines go: the listener of {@link #start}, or nowhere. */
    private static volatile Consumer<String> listener;

    private final boolean listening;
    private boolean closed;

    private NativeStdout(boolean listening) {
        this.listening = listening;
    }

    /** Descriptor 1 pointed at a pipe, the saved original, and the thread reading the pipe. */
    private record Redirection(LibC c, int saved, Thread reader) {}

    /**
     * Starts sending every line written to descriptor 1 to {@code lines} (on another thread), or
     * returns {@code null} when that cannot be done here or another listener is hearing it.
     */
    static synchronized NativeStdout start(Consumer<String> lines) {
        if (listener != null || !acquire()) {
            return null;
        }
        listener = lines;
        return new NativeStdout(true);
    }

    /**
     * Keeps what native code prints to descriptor 1 off the process's standard output while the
     * returned handle is open: the lines are dropped. HiGHS prints stray debug lines with
     * {@code printf} even with its output off, which would corrupt a JSON or CSV result on stdout;
     * its solves run inside one of these. Shared: any number may be open at once, with or without
     * a {@link #start} listener, which then still hears every line. Where there is no capture
     * (Windows), a handle that does nothing.
     */
    static synchronized NativeStdout quiet() {
        return new NativeStdout(false).held(acquire());
    }

    private NativeStdout held(boolean acquired) {
        closed = !acquired;
        return this;
    }

    /** Ends this holder's part: the last one puts descriptor 1 back and waits until every line was handed over. */
    @Override
    public void close() {
        synchronized (NativeStdout.class) {
            if (closed) {
                return;
            }
            closed = true;
            release();
            if (listening) {
                listener = null;
            }
        }
    }

    private static boolean acquire() {
        if (current != null) {
            holders++;
            return true;
        }
        LibC c = libc();
        if (c == null) {
            return false;
        }
        int[] fds = new int[2];
        System.out.flush();
        c.fflush(null);
        if (c.pipe(fds) != 0) {
            return false;
        }
        int saved = c.dup(STDOUT);
        if (saved < 0 || c.dup2(fds[1], STDOUT) < 0) {
            c.close(fds[0]);
            c.close(fds[1]);
            if (saved >= 0) {
                c.close(saved);
            }
            return false;
        }
        c.close(fds[1]);
        int readEnd = fds[0];
        Thread reader = new Thread(() -> pump(c, readEnd), "solver-log");
        reader.setDaemon(true);
        reader.start();
        current = new Redirection(c, saved, reader);
        holders = 1;
        return true;
    }

    private static void release() {
        if (--holders > 0) {
            return;
        }
        Redirection r = current;
        current = null;
        System.out.flush();
        r.c().fflush(null);
        // the pipe's last write end closes here: the reader then sees the end of the stream
        r.c().dup2(r.saved(), STDOUT);
        r.c().close(r.saved());
        try {
            r.reader().join(5_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static void pump(LibC c, int readEnd) {
        byte[] buffer = new byte[8192];
        ByteArrayOutputStream line = new ByteArrayOutputStream();
        try {
            long n;
            while ((n = c.read(readEnd, buffer, buffer.length)) > 0) {
                for (int i = 0; i < n; i++) {
                    byte b = buffer[i];
                    if (b == '\n' || b == '\r') {
                        deliver(line);
                    } else {
                        line.write(b);
                    }
                }
            }
            deliver(line);
        } finally {
            c.close(readEnd);
        }
    }

    private static void deliver(ByteArrayOutputStream line) {
        if (line.size() > 0) {
            String text = line.toString(StandardCharsets.UTF_8);
            line.reset();
            Consumer<String> to = listener;
            if (to == null) {
                return;
            }
            try {
                to.accept(text);
            } catch (RuntimeException e) {
                // a listener's failure must not stop the pipe from draining (the solver would block)
            }
        }
    }

    private static LibC libc() {
        if (libc == null && !unavailable) {
            synchronized (NativeStdout.class) {
                if (libc == null && !unavailable) {
                    if (Platform.isWindows()) {
                        unavailable = true;
                    } else {
                        try {
                            libc = Native.load(Platform.C_LIBRARY_NAME, LibC.class);
                        } catch (LinkageError | RuntimeException e) {
                            unavailable = true;
                        }
                    }
                }
            }
        }
        return libc;
    }
}
