package org.lodestone.solve;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicBoolean;
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
 * <p>Descriptor 1 belongs to the whole process, so one capture runs at a time; a second asks in
 * vain ({@link #start} returns {@code null}) and its solver stays quiet. Whatever Java prints to
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
    private static final AtomicBoolean BUSY = new AtomicBoolean();
    private static volatile LibC libc;
    private static volatile boolean unavailable;

    private final LibC c;
    private final int saved;
    private final int readEnd;
    private final Thread reader;
    private boolean closed;

    private NativeStdout(LibC c, int saved, int readEnd, Consumer<String> lines) {
        this.c = c;
        this.saved = saved;
        this.readEnd = readEnd;
        this.reader = new Thread(() -> pump(lines), "solver-log");
        this.reader.setDaemon(true);
        this.reader.start();
    }

    /**
     * Starts sending every line written to descriptor 1 to {@code lines} (on another thread), or
     * returns {@code null} when that cannot be done here or another capture is running.
     */
    static NativeStdout start(Consumer<String> lines) {
        LibC c = libc();
        if (c == null || !BUSY.compareAndSet(false, true)) {
            return null;
        }
        int[] fds = new int[2];
        System.out.flush();
        c.fflush(null);
        if (c.pipe(fds) != 0) {
            BUSY.set(false);
            return null;
        }
        int saved = c.dup(STDOUT);
        if (saved < 0 || c.dup2(fds[1], STDOUT) < 0) {
            c.close(fds[0]);
            c.close(fds[1]);
            if (saved >= 0) {
                c.close(saved);
            }
            BUSY.set(false);
            return null;
        }
        c.close(fds[1]);
        return new NativeStdout(c, saved, fds[0], lines);
    }

    /** Puts descriptor 1 back and waits until every captured line has been handed over. */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        System.out.flush();
        c.fflush(null);
        // the pipe's last write end closes here: the reader then sees the end of the stream
        c.dup2(saved, STDOUT);
        c.close(saved);
        try {
            reader.join(5_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        BUSY.set(false);
    }

    private void pump(Consumer<String> lines) {
        byte[] buffer = new byte[8192];
        ByteArrayOutputStream line = new ByteArrayOutputStream();
        try {
            long n;
            while ((n = c.read(readEnd, buffer, buffer.length)) > 0) {
                for (int i = 0; i < n; i++) {
                    byte b = buffer[i];
                    if (b == '\n' || b == '\r') {
                        deliver(line, lines);
                    } else {
                        line.write(b);
                    }
                }
            }
            deliver(line, lines);
        } finally {
            c.close(readEnd);
        }
    }

    private static void deliver(ByteArrayOutputStream line, Consumer<String> lines) {
        if (line.size() > 0) {
            String text = line.toString(StandardCharsets.UTF_8);
            line.reset();
            try {
                lines.accept(text);
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
