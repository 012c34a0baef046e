package org.lodestone.solve;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

import com.sun.jna.Native;
import com.sun.jna.Platform;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.lodestone.io.InstanceReader;
import org.lodestone.model.MipModel;
import org.lodestone.model.SourcingModel;
import org.lodestone.validate.InvalidInputException;

/** Progress read from the solvers' own logs while they run, and the standard output put back after. */
class SolverProgressTest {
    private static MipModel model(String name) throws URISyntaxException, InvalidInputException {
        Path file = Path.of(SolverProgressTest.class.getResource("/conformance/" + name).toURI());
        return SourcingModel.build(InstanceReader.read(file, List.of())).mip();
    }

    private static String stdoutTarget() throws IOException {
        Path fd = Path.of("/proc/self/fd/1");
        return Files.isSymbolicLink(fd) ? Files.readSymbolicLink(fd).toString() : "";
    }

    @ParameterizedTest
    @EnumSource(Backend.class)
    void aListenerHearsTheSolverAndTheResultIsTheSame(Backend backend) throws Exception {
        assumeTrue(backend.isAvailable());
        assumeTrue(!System.getProperty("os.name").toLowerCase().contains("win"), "no capture on Windows");
        SolveOptions options = new SolveOptions(backend, 60, 0, 1);
        SolveResult quiet = MipSolver.create().solve(model("g-medium-2.json"), options);

        String before = stdoutTarget();
        List<SolverProgress> heard = Collections.synchronizedList(new ArrayList<>());
        SolveResult listened = MipSolver.create().solve(model("g-medium-2.json"), options,
                new SolveControl().onProgress(heard::add));
        assertEquals(before, stdoutTarget(), "descriptor 1 is put back");

        assertEquals(SolveResult.Termination.OPTIMAL, listened.termination());
        assertEquals(quiet.objective(), listened.objective(), 1e-9 * Math.abs(quiet.objective()));
        assertFalse(heard.isEmpty(), "the listener heard the solver");
        SolverProgress last = heard.get(heard.size() - 1);
        // a race reports as "auto"; auto with one solver as that solver
        boolean raced = listened.solverVersion().contains("auto: first of");
        assertEquals(raced ? "auto" : listened.solverName(), last.solver());
        assertNotNull(last.incumbent());
        assertEquals(listened.objective(), last.incumbent(), 1e-5 * Math.abs(listened.objective()));
        for (SolverProgress p : heard) {
            if (p.bound() != null) {
                assertTrue(p.bound() <= listened.objective() * (1 + 1e-6), "a bound above the optimum: " + p);
            }
        }
    }

    @Test
    void oneCaptureAtATimeAndEveryLineArrives() throws Exception {
        assumeTrue(!System.getProperty("os.name").toLowerCase().contains("win"), "no capture on Windows");
        List<String> lines = Collections.synchronizedList(new ArrayList<>());
        NativeStdout capture = NativeStdout.start(lines::add);
        assertNotNull(capture);
        try {
            assertNull(NativeStdout.start(line -> { }), "descriptor 1 is taken");
            NativeStdout.LibC c = Native.load(Platform.C_LIBRARY_NAME, NativeStdout.LibC.class);
            for (int i = 0; i < 2000; i++) { // more than a pipe holds: the reader must keep up
                byte[] text = ("line " + i + "\n").getBytes();
                c.write(1, text, text.length);
            }
        } finally {
            capture.close();
        }
        assertEquals(2000, lines.size());
        assertEquals("line 0", lines.get(0));
        assertEquals("line 1999", lines.get(1999));
        NativeStdout again = NativeStdout.start(line -> { });
        assertNotNull(again, "free again after close");
        again.close();
    }

    /**
     * {@link NativeStdout#quiet} (every HiGHS run holds one, so that HiGHS's stray printf lines never
     * reach stdout) shares descriptor 1's redirection with a listener and with other holders: the
     * listener hears what is written while it listens, nothing is heard after it stops, and the
     * last holder out puts descriptor 1 back.
     */
    @Test
    void quietHoldersShareTheRedirectionWithAListener() throws Exception {
        assumeTrue(!System.getProperty("os.name").toLowerCase().contains("win"), "no capture on Windows");
        NativeStdout.LibC c = Native.load(Platform.C_LIBRARY_NAME, NativeStdout.LibC.class);
        List<String> lines = Collections.synchronizedList(new ArrayList<>());
        NativeStdout first = NativeStdout.quiet();
        NativeStdout capture = NativeStdout.start(lines::add);
        assertNotNull(capture, "a listener joins a quiet redirection");
        NativeStdout second = NativeStdout.quiet();
        write(c, "a\n");
        first.close();
        write(c, "b\n");
        for (int i = 0; i < 500 && lines.size() < 2; i++) {
            Thread.sleep(10);
        }
        capture.close();
        write(c, "dropped: nobody listens\n");
        second.close();
        assertEquals(List.of("a", "b"), lines);
        List<String> later = Collections.synchronizedList(new ArrayList<>());
        NativeStdout again = NativeStdout.start(later::add);
        assertNotNull(again, "descriptor 1 is free again after the last holder");
        write(c, "d\n");
        again.close();
        assertEquals(List.of("d"), later);
    }

    private static void write(NativeStdout.LibC c, String text) {
        byte[] bytes = text.getBytes();
        c.write(1, bytes, bytes.length);
    }
}
