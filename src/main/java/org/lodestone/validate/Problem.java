package org.lodestone.validate;

import java.util.List;

/**
 * One thing wrong with an input, named by its JSON path ({@code mines[3].basket.Nd}, the form
 * instance-reference.md §12 uses); the empty path names the document itself. A problem of an
 * instance tree also carries its {@link Location}: the same place as the JSON Pointer that
 * {@code --set} takes, and the ids of the list entries on the way, printed after the message:
 *
 * <pre>
 * mines[0].capacity: must be &gt;= 0, got -5  [mines[0] is "mt-weld"; --set /mines/0/capacity]
 * </pre>
 *
 * <p>Where the command takes no {@code --set} for that file (verify, stress, compare's baseline
 * and two files compared) the pointer is said as {@code pointer /mines/0/capacity}.
 *
 * @param location where the problem lies in the instance tree, or null (problems of files,
 *     syntax, options and plans)
 */
public record Problem(String path, String message, Location location) {
    public Problem(String path, String message) {
        this(path, message, null);
    }

    /**
     * The place of a problem in an instance tree.
     *
     * @param pointer the RFC 6901 JSON Pointer of the path ({@code /mines/0/capacity}), as {@code --set} takes it
     * @param ids each list entry on the path that has a string id, as {@code mines[0] is "mt-weld"}
     * @param settable whether the command read the instance with {@code --set} changes (solve, validate,
     *     sweep, pareto, the variant of compare); where it did not, the pointer is shown as a pointer
     */
    public record Location(String pointer, List<String> ids, boolean settable) {
        public Location {
            ids = List.copyOf(ids);
        }

        public Location(String pointer, List<String> ids) {
            this(pointer, ids, true);
        }

        /** {@code mines[0] is "mt-weld"; --set /mines/0/capacity} (or {@code pointer /mines/0/capacity}). */
        @Override
        public String toString() {
            return (ids.isEmpty() ? "" : String.join("; ", ids) + "; ") + (settable ? "--set " : "pointer ") + pointer;
        }
    }

    /** The same problem said in other words, at the same place. */
    public Problem withMessage(String other) {
        return new Problem(path, other, location);
    }

    /** The same problem with its place in the tree. */
    public Problem at(Location where) {
        return new Problem(path, message, where);
    }

    /** The same problem of an input that {@code --set} does not change: its pointer is not offered to it. */
    public Problem withoutSet() {
        return location == null ? this : new Problem(path, message, new Location(location.pointer(), location.ids(),
                false));
    }

    /** {@code path: message}, then {@code  [location]} when the place is known. */
    @Override
    public String toString() {
        String said = path.isEmpty() ? message : path + ": " + message;
        return location == null ? said : said + "  [" + location + "]";
    }
}
