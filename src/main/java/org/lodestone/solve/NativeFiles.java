package org.lodestone.solve;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.JarURLConnection;
import java.net.URL;
import java.net.URLConnection;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Enumeration;
import java.util.List;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.stream.Stream;
import java.util.zip.CRC32;

import com.sun.jna.Platform;

/**
 * Native libraries copied out of the class path once, into the user's cache, instead of into a
 * new temporary folder on every start. OR-Tools' own loader unpacks its 70 MB of libraries each
 * time the JVM starts (1.5 s on a busy two-core machine, against 0.05 s to load them from a folder
 * that is already there), and JNA unpacks its dispatch library likewise.
 *
 * <p>A folder is named after a checksum of its main library (the CRC the jar already records), so
 * a new OR-Tools gets a folder of its own, and it is filled under a temporary name and renamed
 * whole: a folder that exists is complete, whoever made it (two processes may race to; one wins).
 * The cache is {@code $XDG_CACHE_HOME/lodestone}, else {@code ~/.cache/lodestone}, else a folder in
 * the temporary directory named after the user.
 */
final class NativeFiles {
    private static Path ortools;
    private static boolean ortoolsTried;

    private NativeFiles() {}

    /**
     * The folder of OR-Tools' native libraries for this platform (HiGHS's among them), copied
     * there once; null where that is not done (other platforms than Linux, whose loaders need
     * OR-Tools' own order of loading) or could not be.
     */
    static synchronized Path ortools() {
        if (!ortoolsTried) {
            ortoolsTried = true;
            if (Platform.isLinux()) {
                try {
                    ortools = folder("ortools-" + Platform.RESOURCE_PREFIX + "/", "libjniortools.so", "ortools");
                } catch (IOException | RuntimeException e) {
                    ortools = null; // OR-Tools' loader unpacks them as before
                }
            }
        }
        return ortools;
    }

    /**
     * The folder holding every file under {@code prefix} in the jar that has {@code marker}
     * (a resource path under {@code prefix}), copied there once.
     *
     * @param name the start of the folder's name ("ortools")
     * @throws IOException when the resources are not in a jar or cannot be copied
     */
    static Path folder(String prefix, String marker, String name) throws IOException {
        URL url = NativeFiles.class.getClassLoader().getResource(prefix + marker);
        if (url == null) {
            throw new IOException("no " + prefix + marker + " on the class path");
        }
        URLConnection connection = url.openConnection();
        if (!(connection instanceof JarURLConnection jarConnection)) {
            throw new IOException(prefix + " is not in a jar");
        }
        connection.setUseCaches(true);
        JarEntry markerEntry = jarConnection.getJarEntry();
        CRC32 key = new CRC32(); // the marker's name and CRC: a jar of another version has other ones
        key.update((markerEntry.getName() + ":" + markerEntry.getCrc() + ":" + markerEntry.getSize())
                .getBytes(java.nio.charset.StandardCharsets.UTF_8));
        Path folder = cache().resolve(String.format("%s-%08x", name, key.getValue()));
        if (Files.isDirectory(folder)) {
            return folder;
        }
        JarFile jar = jarConnection.getJarFile();
        List<JarEntry> entries = new ArrayList<>();
        for (Enumeration<JarEntry> e = jar.entries(); e.hasMoreElements(); ) {
            JarEntry entry = e.nextElement();
            if (entry.getName().startsWith(prefix) && !entry.isDirectory()) {
                entries.add(entry);
            }
        }
        Files.createDirectories(folder.getParent());
        Path partial = Files.createTempDirectory(folder.getParent(), name + "-partial-");
        try {
            for (JarEntry entry : entries) {
                Path file = partial.resolve(entry.getName().substring(prefix.length()));
                Files.createDirectories(file.getParent());
                try (InputStream in = jar.getInputStream(entry)) {
                    Files.copy(in, file);
                }
                file.toFile().setExecutable(true);
            }
            try {
                Files.move(partial, folder, StandardCopyOption.ATOMIC_MOVE);
            } catch (FileAlreadyExistsException | DirectoryNotEmptyException | AtomicMoveNotSupportedException e) {
                if (!Files.isDirectory(folder)) { // not another process's copy: a real failure
                    throw e;
                }
            }
        } finally {
            delete(partial);
        }
        return folder;
    }

    private static void delete(Path folder) throws IOException {
        if (!Files.exists(folder)) {
            return;
        }
        try (Stream<Path> files = Files.walk(folder)) {
            files.sorted(Comparator.reverseOrder()).forEach(p -> {
                try {
                    Files.deleteIfExists(p);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
        }
    }

    /** The cache folder of Lodestone's native files. */
    static Path cache() {
        String xdg = System.getenv("XDG_CACHE_HOME");
        if (xdg != null && !xdg.isBlank()) {
            return Path.of(xdg, "lodestone");
        }
        String home = System.getProperty("user.home");
        if (home != null && !home.isBlank() && Files.isWritable(Path.of(home))) {
            return Path.of(home, ".cache", "lodestone");
        }
        return Path.of(System.getProperty("java.io.tmpdir"), "lodestone-" + System.getProperty("user.name"));
    }

    /** Whether a library whose file name starts with {@code name} is mapped into this process (Linux). */
    static boolean mapped(String name) {
        try (Stream<String> maps = Files.lines(Path.of("/proc/self/maps"))) {
            return maps.anyMatch(line -> line.contains("/" + name));
        } catch (IOException | UncheckedIOException e) {
            return false;
        }
    }
}
