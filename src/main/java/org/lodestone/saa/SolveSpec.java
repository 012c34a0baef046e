package org.lodestone.saa;

import java.io.Serializable;

import org.lodestone.solve.Backend;
import org.lodestone.solve.SolveOptions;

/** The solver options of one task, in a form that travels to other JVMs (one solver thread per task). */
public record SolveSpec(String backend, double timeLimitSeconds, double relativeGap, int seed) implements Serializable {
    public static SolveSpec of(SolveOptions options) {
        return new SolveSpec(options.backend().name(), options.timeLimitSeconds(), options.relativeGap(),
                options.seed());
    }

    public SolveOptions options() {
        return new SolveOptions(Backend.valueOf(backend), timeLimitSeconds, relativeGap, 1, seed);
    }
}
