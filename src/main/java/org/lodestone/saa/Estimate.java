package org.lodestone.saa;

/**
 * A sample mean with its 95 % confidence interval (Student's t with n−1 degrees of freedom).
 *
 * @param mean the sample mean; NaN when n = 0
 * @param stdDev the sample standard deviation (n−1 in the denominator); NaN when n < 2
 * @param n how many values
 * @param halfWidth half the width of the two-sided 95 % interval; NaN when n < 2
 */
public record Estimate(double mean, double stdDev, int n, double halfWidth) {
    public static Estimate of(double[] values) {
        int n = values.length;
        if (n == 0) {
            return new Estimate(Double.NaN, Double.NaN, 0, Double.NaN);
        }
        double sum = 0;
        for (double v : values) {
            sum += v;
        }
        double mean = sum / n;
        if (n < 2) {
            return new Estimate(mean, Double.NaN, 1, Double.NaN);
        }
        double squares = 0;
        for (double v : values) {
            squares += (v - mean) * (v - mean);
        }
        double sd = Math.sqrt(squares / (n - 1));
        return new Estimate(mean, sd, n, studentT(0.975, n - 1) * sd / Math.sqrt(n));
    }

    public double low() {
        return mean - halfWidth;
    }

    public double high() {
        return mean + halfWidth;
    }

    /** The standard error of the mean: stdDev / √n. */
    public double standardError() {
        return stdDev / Math.sqrt(n);
    }

    /**
     * The p-quantile of Student's t distribution with {@code df} degrees of freedom (p &gt; 0.5):
     * the exact distribution function for integer df (Abramowitz &amp; Stegun 26.7.3–4) inverted
     * by bisection to 1e-12.
     */
    public static double studentT(double p, int df) {
        if (df < 1) {
            throw new IllegalArgumentException("df must be >= 1 (got " + df + ")");
        }
        if (p <= 0.5 || p >= 1) {
            throw new IllegalArgumentException("p must be in (0.5, 1) (got " + p + ")");
        }
        double low = 0;
        double high = 1;
        while (cdf(high, df) < p) {
            high *= 2;
        }
        while (high - low > 1e-12 * Math.max(1, high)) {
            double mid = (low + high) / 2;
            if (cdf(mid, df) < p) {
                low = mid;
            } else {
                high = mid;
            }
        }
        return (low + high) / 2;
    }

    /** P(T ≤ t) for t ≥ 0 and integer df, from A(t|ν) = P(|T| ≤ t). */
    static double cdf(double t, int df) {
        double theta = Math.atan(t / Math.sqrt(df));
        double c2 = Math.cos(theta) * Math.cos(theta);
        double a;
        if (df % 2 == 1) {
            double sum = 0;
            if (df > 1) {
                double term = 1;
                sum = 1;
                for (int k = 2; k <= df - 3; k += 2) {
                    term *= c2 * k / (k + 1);
                    sum += term;
                }
            }
            a = 2 / Math.PI * (theta + Math.sin(theta) * Math.cos(theta) * sum);
        } else {
            double term = 1;
            double sum = 1;
            for (int k = 1; k <= df - 3; k += 2) {
                term *= c2 * k / (k + 1);
                sum += term;
            }
            a = Math.sin(theta) * sum;
        }
        return (1 + a) / 2;
    }

    /**
     * The p-quantile of the standard normal distribution (Acklam's rational approximation): within
     * 1e-9 for 0.02425 ≤ p ≤ 0.97575, the range the intervals use; within 2e-5 in the tails.
     */
    public static double normal(double p) {
        if (p <= 0 || p >= 1) {
            throw new IllegalArgumentException("p must be in (0, 1) (got " + p + ")");
        }
        double[] a = {-3.969683028665376e+01, 2.209460984245205e+02, -2.759285104469687e+02, 1.383577518672690e+02,
            -3.066479806614716e+01, 2.506628277459239e+00};
        double[] b = {-5.447609879822406e+01, 1.615858368580409e+02, -1.556989798598866e+02, 6.680131188771972e+01,
            -1.328068155288572e+01};
        double[] c = {-7.784894002430293e-03, -3.223964580411365e-01, -2.400758277161838e+00, -2.549671010422288e+00,
            4.374664141464968e+00, 2.938163982698783e+00};
        double[] d = {7.784695709041462e-03, 3.224671290700398e-01, 2.445134137142996e+00, 3.754408661907416e+00};
        double low = 0.02425;
        if (p < low) {
            double q = Math.sqrt(-2 * Math.log(p));
            return (((((c[0] * q + c[1]) * q + c[2]) * q + c[3]) * q + c[4]) * q + c[5])
                    / ((((d[0] * q + d[1]) * q + d[2]) * q + d[3]) * q + 1);
        }
        if (p > 1 - low) {
            return -normal(1 - p);
        }
        double q = p - 0.5;
        double r = q * q;
        return (((((a[0] * r + a[1]) * r + a[2]) * r + a[3]) * r + a[4]) * r + a[5]) * q
                / (((((b[0] * r + b[1]) * r + b[2]) * r + b[3]) * r + b[4]) * r + 1);
    }
}
