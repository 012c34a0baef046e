package org.lodestone.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.lodestone.validate.InvalidInputException;
import org.lodestone.validate.Problem;

/**
 * The files a command will write, checked before it reads its instance, so that a long solve
 * never ends in "cannot write". Every unwritable path is named at once, by its option.
 */
final class OutputFiles {
    private final List<Problem> problems = new ArrayList<>();

    /**
     * A file the command will write (created or replaced whole); null means "not asked for".
     * {@code example} is a file name the message suggests when a folder was given instead.
     */
    OutputFiles file(String option, Path file, String example) {
        if (file == null) {
            return this;
        }
        if (Files.isDirectory(file)) {
            problems.add(new Problem(option, file + " is a folder; give a file name in it, e.g. "
                    + file.resolve(example)));
            return this;
        }
        if (Files.exists(file) && !Files.isWritable(file)) {
            problems.add(new Problem(option, file + " exists and cannot be replaced (no write permission)"));
            return this;
        }
        folder(option, parentOf(file), false);
        return this;
    }

    /** A folder the command will write files into; it is created when its parent exists. */
    OutputFiles folder(String option, Path folder) {
        if (folder != null) {
            if (Files.exists(folder)) {
                folder(option, folder, false);
            } else {
                folder(option, parentOf(folder), true);
            }
        }
        return this;
    }

    /** Throws when any path checked so far cannot be written. */
    void require() throws InvalidInputException {
        if (!problems.isEmpty()) {
            throw new InvalidInputException(problems);
        }
    }

    private void folder(String option, Path folder, boolean toCreate) {
        String what = toCreate ? "the folder " + folder + " (where it would be created)" : "the folder " + folder;
        if (!Files.exists(folder)) {
            problems.add(new Problem(option, "the folder " + folder + " does not exist"));
        } else if (!Files.isDirectory(folder)) {
            problems.add(new Problem(option, folder + " is not a folder"));
        } else if (!Files.isWritable(folder)) {
            problems.add(new Problem(option, "cannot write in " + what + " (no write permission)"));
        }
    }

    private static Path parentOf(Path file) {
        Path parent = file.toAbsolutePath().normalize().getParent();
        return parent == null ? file.toAbsolutePath().getRoot() : parent;
    }
}
