package org.lodestone.generate;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.DecimalNode;
import com.fasterxml.jackson.databind.node.LongNode;

import java.math.BigDecimal;
import java.math.RoundingMode;

/** How drawn figures are rounded and written: a few significant digits, whole numbers as integers. */
final class Quantities {
    private Quantities() {}

    /** {@code value} rounded to a multiple of {@code step} (step ≥ 1) or to the decimals of step (step < 1). */
    static double quantise(double value, double step) {
        if (step >= 1) {
            return Math.round(value / step) * step;
        }
        int decimals = (int) Math.round(-Math.log10(step));
        return BigDecimal.valueOf(value).setScale(decimals, RoundingMode.HALF_EVEN).doubleValue();
    }

    /** The step for a quantity of this size: about four significant digits, tonnes and dollars whole. */
    static double stepFor(double value) {
        double magnitude = Math.abs(value);
        if (magnitude >= 1e8) {
            return 100000;
        } else if (magnitude >= 1e6) {
            return 1000;
        } else if (magnitude >= 1e4) {
            return 10;
        } else if (magnitude >= 100) {
            return 1;
        } else if (magnitude >= 1) {
            return 0.1;
        }
        return 0.001;
    }

    /** {@code value} as a JSON number: an integer when it is whole, else a decimal without trailing zeros. */
    static JsonNode jsonNumber(double value) {
        if (value == Math.rint(value) && Math.abs(value) < 1e15) {
            return LongNode.valueOf((long) value);
        }
        return DecimalNode.valueOf(BigDecimal.valueOf(value).stripTrailingZeros());
    }

    /** The growth factor after {@code years} years at {@code rate}, years clipped to [-5, 20]. */
    static double growthFactor(double rate, int years) {
        return Math.pow(1 + rate, Math.max(-5, Math.min(20, years)));
    }
}
