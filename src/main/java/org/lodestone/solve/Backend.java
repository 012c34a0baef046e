package org.lodestone.solve;

import java.util.Locale;

/** The MIP solvers Lodestone can use, all bundled with OR-Tools. */
public enum Backend {
    SCIP("SCIP"), HIGHS("HIGHS"), CBC("CBC");

    private final String ortoolsId;

    Backend(String ortoolsId) {
        this.ortoolsId = ortoolsId;
    }

    /** The id OR-Tools' {@code MPSolver.createSolver} takes. */
    String ortoolsId() {
        return ortoolsId;
    }

    /** Parses {@code scip}, {@code highs}, {@code cbc} in any case. */
    public static Backend parse(String name) {
        return valueOf(name.trim().toUpperCase(Locale.ROOT));
    }

    /** Whether the native solver can be created on this machine. */
    public boolean isAvailable() {
        return OrToolsSolver.isAvailable(this);
    }

    public String displayName() {
        return this == HIGHS ? "HiGHS" : name();
    }
}
