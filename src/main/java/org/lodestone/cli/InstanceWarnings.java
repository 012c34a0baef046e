package org.lodestone.cli;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;

import org.lodestone.domain.Instance;

/**
 * Values that are valid but are more likely a slip than a choice: said on stderr as warnings,
 * never refused (an instance may mean them).
 */
final class InstanceWarnings {
    private InstanceWarnings() {}

    static List<String> of(Instance instance) {
        List<String> warnings = new ArrayList<>();
        if (instance.discountRate() > 0.5) {
            warnings.add("discountRate " + SolverOptions.plain(instance.discountRate()) + " discounts "
                    + SolverOptions.plain(100 * instance.discountRate()) + " % a year; a rate is a fraction "
                    + "(0.08 = 8 %)");
        }
        return warnings;
    }

    static void print(PrintWriter err, Instance instance) {
        for (String warning : of(instance)) {
            err.println("lodestone: warning: " + warning);
        }
        err.flush();
    }
}
