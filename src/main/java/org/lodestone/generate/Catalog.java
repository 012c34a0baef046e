package org.lodestone.generate;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What the generator draws around: countries, elements, ore baskets, freight routes, tariffs and
 * buyer kinds, with the public figures of the real instance (docs/sources.md) widened into
 * ranges. No randomness here; the order of every list is part of the draw order.
 */
final class Catalog {
    private Catalog() {}

    /**
     * A country the generator may use, in the order they join as instances grow. Weights say how
     * likely a mine, a refinery or a buyer is to sit there; mine capacities are t REO per year.
     */
    record CountryKind(String id, String name, double risk, List<String> tags, double mineWeight,
                       double refineryWeight, double buyerWeight, double mineCapacityLow, double mineCapacityHigh,
                       List<String> oreTypes) {
        boolean feoc() {
            return tags.contains("feoc");
        }

        boolean partner() {
            return tags.contains("partner");
        }
    }

    private static final List<String> NONE = List.of();

    static final List<CountryKind> COUNTRIES = List.of(
            new CountryKind("CN", "China", 0.70, List.of("feoc"), 3, 4, 2, 15000, 60000,
                    List.of("bastnaesite", "ionic-clay")),
            new CountryKind("AU", "Australia", 0.05, List.of("partner"), 2, 1, 0, 5000, 25000,
                    List.of("monazite", "standard")),
            new CountryKind("US", "United States", 0.06, List.of("partner"), 1.5, 1.5, 2, 8000, 45000,
                    List.of("bastnaesite", "monazite")),
            new CountryKind("JP", "Japan", 0.04, List.of("partner"), 0, 0.8, 2, 0, 0, NONE),
            new CountryKind("MY", "Malaysia", 0.20, List.of("partner"), 0.3, 1.5, 0.3, 200, 2000,
                    List.of("monazite", "ionic-clay")),
            new CountryKind("MM", "Myanmar", 0.90, NONE, 1.5, 0, 0, 5000, 30000, List.of("ionic-clay")),
            new CountryKind("VN", "Vietnam", 0.40, NONE, 1, 0.8, 0.3, 1000, 8000,
                    List.of("ionic-clay", "bastnaesite")),
            new CountryKind("BR", "Brazil", 0.30, NONE, 1, 0.3, 0.2, 2000, 10000, List.of("ionic-clay", "monazite")),
            new CountryKind("KR", "South Korea", 0.06, List.of("partner"), 0, 0.5, 1.2, 0, 0, NONE),
            new CountryKind("FR", "France", 0.05, List.of("partner", "eu"), 0, 1, 1, 0, 0, NONE),
            new CountryKind("EE", "Estonia", 0.08, List.of("partner", "eu"), 0, 1, 0.2, 0, 0, NONE),
            new CountryKind("MW", "Malawi", 0.45, NONE, 0.8, 0, 0, 2000, 9000, List.of("standard", "monazite")),
            new CountryKind("IN", "India", 0.30, NONE, 0.7, 0.7, 1, 1000, 5000, List.of("monazite")),
            new CountryKind("CA", "Canada", 0.04, List.of("partner"), 0.7, 0.5, 0.5, 2000, 8000,
                    List.of("standard", "monazite")),
            new CountryKind("DE", "Germany", 0.04, List.of("partner", "eu"), 0, 0.2, 1.5, 0, 0, NONE),
            new CountryKind("GL", "Greenland", 0.15, List.of("partner"), 0.5, 0, 0, 2000, 10000,
                    List.of("eudialyte")),
            new CountryKind("TH", "Thailand", 0.25, NONE, 0.7, 0.2, 0.2, 2000, 13000,
                    List.of("ionic-clay", "monazite")),
            new CountryKind("NG", "Nigeria", 0.60, NONE, 0.5, 0, 0, 2000, 13000, List.of("monazite")),
            new CountryKind("MG", "Madagascar", 0.50, NONE, 0.4, 0, 0, 1000, 4000, List.of("ionic-clay")),
            new CountryKind("RU", "Russia", 0.80, List.of("feoc"), 0.5, 0.3, 0.3, 1000, 3000,
                    List.of("standard")));

    /** Mining countries that may ban raw-ore (concentrate) exports to keep it for their own refineries. */
    static final List<String> RAW_ORE_EXPORT_BANNERS = List.of("MY", "VN", "MM", "IN", "TH", "NG", "MG", "RU", "BR",
            "MW");

    /** Producers that may control both stages of their exports in favour of China. */
    static final List<String> PRODUCERS_FAVOURING_CHINA = List.of("MM", "VN", "RU", "MY", "IN");

    /** Countries a mandate may exclude by name, next to the "feoc" tag. */
    static final List<String> EXCLUDED_BY_NAME = List.of("MM", "RU");

    /**
     * A real element: price range (USD/t), surplus price as a share of price, yearly demand
     * growth, and whether China licenses its oxide exports.
     */
    record ElementKind(String id, String name, double priceLow, double priceHigh, double surplusShareLow,
                       double surplusShareHigh, double growthLow, double growthHigh, boolean exportLicensed) {}

    static final List<ElementKind> ELEMENTS = List.of(
            new ElementKind("NdPr", "neodymium-praseodymium oxide", 60000, 100000, 0.25, 0.45, 0.03, 0.07, false),
            new ElementKind("Dy", "dysprosium oxide", 250000, 380000, 0.20, 0.40, 0.02, 0.06, true),
            new ElementKind("Tb", "terbium oxide", 800000, 1300000, 0.20, 0.40, 0.02, 0.06, true),
            new ElementKind("La", "lanthanum oxide", 1000, 2000, 0.40, 0.80, 0.00, 0.02, false),
            new ElementKind("Ce", "cerium oxide", 1000, 2000, 0.40, 0.80, 0.00, 0.02, false),
            new ElementKind("Sm", "samarium oxide", 3000, 12000, 0.20, 0.50, 0.01, 0.04, true));

    /** Share of each real element in the REO of an ore type: {low, high} in the order of ELEMENTS. */
    static final Map<String, double[][]> BASKETS = new LinkedHashMap<>();

    static {
        BASKETS.put("bastnaesite", new double[][] {{0.14, 0.19}, {0.0005, 0.002}, {0.0001, 0.0004},
                {0.28, 0.34}, {0.46, 0.51}, {0.004, 0.01}});
        BASKETS.put("monazite", new double[][] {{0.19, 0.26}, {0.003, 0.008}, {0.0005, 0.0015},
                {0.20, 0.25}, {0.40, 0.46}, {0.02, 0.035}});
        BASKETS.put("ionic-clay", new double[][] {{0.18, 0.30}, {0.02, 0.07}, {0.004, 0.012},
                {0.08, 0.30}, {0.01, 0.08}, {0.02, 0.05}});
        BASKETS.put("eudialyte", new double[][] {{0.12, 0.18}, {0.03, 0.06}, {0.005, 0.01},
                {0.12, 0.18}, {0.25, 0.35}, {0.015, 0.03}});
        BASKETS.put("standard", new double[][] {{0.15, 0.22}, {0.001, 0.004}, {0.0002, 0.001},
                {0.22, 0.30}, {0.40, 0.48}, {0.01, 0.02}});
    }

    /** A freight route that exists in the real trade, with a typical cost in USD/t. */
    record Route(String from, String to, int typicalCost) {}

    static final List<Route> ROUTES = List.of(
            new Route("AU", "MY", 110), new Route("MM", "CN", 40), new Route("VN", "CN", 60),
            new Route("CN", "JP", 90), new Route("CN", "KR", 80), new Route("AU", "CN", 160),
            new Route("AU", "JP", 170), new Route("MY", "JP", 140), new Route("MY", "CN", 100),
            new Route("US", "CA", 70), new Route("US", "JP", 260), new Route("AU", "US", 280),
            new Route("EE", "FR", 90), new Route("EE", "DE", 70), new Route("FR", "DE", 60),
            new Route("BR", "US", 220), new Route("MW", "CN", 320), new Route("GL", "EE", 180),
            new Route("GL", "CA", 150), new Route("IN", "JP", 190), new Route("TH", "CN", 80),
            new Route("TH", "MY", 50), new Route("VN", "JP", 120), new Route("KR", "JP", 60),
            new Route("VN", "KR", 110));

    /** A tariff on oxide from one country to another, its rate drawn in [rateLow, rateHigh]. */
    record TariffKind(String from, String to, double rateLow, double rateHigh) {}

    static final List<TariffKind> TARIFFS = List.of(
            new TariffKind("CN", "US", 0.25, 0.25), new TariffKind("US", "CN", 0.10, 0.34),
            new TariffKind("CN", "IN", 0.05, 0.10), new TariffKind("CN", "FR", 0.03, 0.065),
            new TariffKind("CN", "DE", 0.03, 0.065), new TariffKind("CN", "EE", 0.03, 0.065),
            new TariffKind("CN", "KR", 0.02, 0.05), new TariffKind("RU", "US", 0.35, 0.35),
            new TariffKind("VN", "US", 0.05, 0.20), new TariffKind("MY", "US", 0.00, 0.05),
            new TariffKind("CN", "CA", 0.05, 0.25));

    /** What a buyer does, the elements it uses, and how often it is drawn (relative weight). */
    enum BuyerKind {
        DEFENSE("defense", 0.5), MAGNETS("magnets", 3), EV("ev", 2), WIND("wind", 1), CATALYSTS("catalysts", 1.5),
        ELECTRONICS("electronics", 1.5);

        final String label;
        final double weight;

        BuyerKind(String label, double weight) {
            this.label = label;
            this.weight = weight;
        }

        List<String> wants() {
            return switch (this) {
                case DEFENSE -> List.of("NdPr", "Dy", "Tb", "Sm");
                case MAGNETS, EV, WIND -> List.of("NdPr", "Dy", "Tb");
                case CATALYSTS -> List.of("La", "Ce");
                case ELECTRONICS -> List.of("NdPr", "Tb", "La", "Ce");
            };
        }
    }
}
