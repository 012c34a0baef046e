package org.lodestone.solve;

import java.util.Locale;

/**
 * The MIP solvers Lodestone can use, all bundled with OR-Tools: SCIP and CBC through OR-Tools'
 * linear solver, HiGHS through its own C API ({@code highs}) or through OR-Tools' wrapper
 * ({@code highs-ortools}, kept to compare against), and {@code auto}, which picks SCIP or HiGHS
 * for each model ({@link AutoSolver}).
 */
public enum Backend {
    SCIP("SCIP"), HIGHS(null), HIGHS_ORTOOLS("HIGHS"), CBC("CBC"), AUTO(null);

    private final String ortoolsId;

    Backend(String ortoolsId) {
        this.ortoolsId = ortoolsId;
    }

    /** The id OR-Tools' {@code MPSolver.createSolver} takes, or null for a backend OR-Tools does not run. */
    String ortoolsId() {
        return ortoolsId;
    }

    /** Whether OR-Tools' linear solver runs this backend. */
    boolean viaOrTools() {
        return ortoolsId != null;
    }

    /** Parses {@code scip}, {@code highs}, {@code highs-ortools}, {@code cbc}, {@code auto} in any case. */
    public static Backend parse(String name) {
        return valueOf(name.trim().toUpperCase(Locale.ROOT).replace('-', '_'));
    }

    /** The name {@code --solver} takes. */
    public String optionName() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    /** Whether the native solver can be created on this machine. */
    public boolean isAvailable() {
        return switch (this) {
            case HIGHS -> HighsSolver.isAvailable();
            case AUTO -> HIGHS.isAvailable() || SCIP.isAvailable();
            default -> OrToolsSolver.isAvailable(this);
        };
    }

    public String displayName() {
        return switch (this) {
            case HIGHS -> "HiGHS";
            case HIGHS_ORTOOLS -> "HiGHS (OR-Tools)";
            case AUTO -> "auto";
            default -> name();
        };
    }
}
