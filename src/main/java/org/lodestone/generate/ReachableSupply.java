package org.lodestone.generate;

import static org.lodestone.generate.InstanceGenerator.START;

import java.util.Arrays;
import java.util.List;

/**
 * What the existing mines and refineries can supply, which sets the size of demand: concentrate
 * shipments of a maximum flow per year through existing capacity, ore-type acceptance and the
 * instance's concentrate export controls, and the oxide they give each buyer. No random draws.
 */
final class ReachableSupply {
    private ReachableSupply() {}

    /**
     * Concentrate shipments [year][mine][refinery] of a maximum flow per year. The flow between
     * partner countries is maximised first, so that buyers under a mandate find their share.
     */
    static double[][][] shipments(Generation generation) {
        List<DrawnFacility> mines = generation.mines;
        List<DrawnFacility> refineries = generation.refineries;
        int mineCount = mines.size();
        int refineryCount = refineries.size();
        double[][][] shipments = new double[generation.years][][];
        for (int t = 0; t < generation.years; t++) {
            int year = START + t;
            boolean[][] allowed = new boolean[mineCount][refineryCount];
            boolean[][] compliant = new boolean[mineCount][refineryCount];
            double[] mineCapacity = new double[mineCount];
            double[] refineryCapacity = new double[refineryCount];
            for (int m = 0; m < mineCount; m++) {
                mineCapacity[m] = mines.get(m).capacity[t];
            }
            for (int r = 0; r < refineryCount; r++) {
                DrawnFacility refinery = refineries.get(r);
                refineryCapacity[r] = refinery.capacity[t];
                for (int m = 0; m < mineCount; m++) {
                    DrawnFacility mine = mines.get(m);
                    boolean accepts = refinery.accepts == null || refinery.accepts.contains(mine.oreType);
                    boolean banned = false;
                    for (ExportRule rule : generation.exportRules) {
                        banned |= rule.blocksConcentrate(year, mine.country.id(), refinery.country.id());
                    }
                    allowed[m][r] = accepts && !banned;
                    compliant[m][r] = allowed[m][r] && !mine.country.feoc() && !refinery.country.feoc();
                }
            }
            shipments[t] = MaxFlow.transport(mineCapacity, refineryCapacity, compliant, allowed);
        }
        return shipments;
    }

    /** Risk-tonnes of the shipments over the horizon (instance-reference.md §10). */
    static double riskTonnes(Generation generation, double[][][] shipments) {
        double risk = 0;
        for (double[][] shipped : shipments) {
            for (int m = 0; m < generation.mines.size(); m++) {
                for (int r = 0; r < generation.refineries.size(); r++) {
                    risk += shipped[m][r]
                            * (generation.mines.get(m).country.risk() + generation.refineries.get(r).country.risk());
                }
            }
        }
        return risk;
    }

    /**
     * Sets what each buyer can receive, mean tonnes a year per element: each year's oxide from
     * the shipments, by mining and refining country, is shared among the buyers that want the
     * element and may receive it (oxide export controls and mandates decide) in proportion to
     * their claim weights; a country-share cap trims what one country can give.
     */
    static void shareAmongBuyers(Generation generation, double[][][] shipments, List<DrawnBuyer> buyers) {
        List<DrawnFacility> mines = generation.mines;
        List<DrawnFacility> refineries = generation.refineries;
        int years = generation.years;
        int buyerCount = buyers.size();
        int elementCount = generation.elements.size();
        int countryCount = generation.countries.size();
        for (DrawnBuyer buyer : buyers) {
            buyer.reachable = new double[elementCount];
            buyer.reachableUncapped = new double[elementCount];
            buyer.reachableUnrestricted = new double[elementCount];
        }
        int[] countryIndex = new int[mines.size() + refineries.size()];
        List<DrawnFacility> all = generation.facilities();
        for (int f = 0; f < all.size(); f++) {
            countryIndex[f] = generation.countries.indexOf(all.get(f).country);
        }
        for (int t = 0; t < years; t++) {
            int year = START + t;
            for (int e = 0; e < elementCount; e++) {
                String element = generation.elements.get(e).id();
                double[][] pool = new double[countryCount][countryCount]; // [mining country][refining country]
                for (int m = 0; m < mines.size(); m++) {
                    for (int r = 0; r < refineries.size(); r++) {
                        double shipped = shipments[t][m][r];
                        if (shipped > 0) {
                            pool[countryIndex[m]][countryIndex[mines.size() + r]]
                                    += shipped * mines.get(m).basket[e] * refineries.get(r).recovery[e];
                        }
                    }
                }
                double[][] byMiningCountry = new double[buyerCount][countryCount];
                double[][] byRefiningCountry = new double[buyerCount][countryCount];
                double[] unrestricted = new double[buyerCount];
                for (int mined = 0; mined < countryCount; mined++) {
                    for (int refined = 0; refined < countryCount; refined++) {
                        if (pool[mined][refined] <= 0) {
                            continue;
                        }
                        String minedIn = generation.countries.get(mined).id();
                        String refinedIn = generation.countries.get(refined).id();
                        double total = 0;
                        double totalUnrestricted = 0;
                        double[] claim = new double[buyerCount];
                        double[] claimUnrestricted = new double[buyerCount];
                        for (int b = 0; b < buyerCount; b++) {
                            DrawnBuyer buyer = buyers.get(b);
                            boolean blocked = false;
                            for (ExportRule rule : generation.exportRules) {
                                blocked |= rule.blocksOxide(year, refinedIn, element, buyer.country);
                            }
                            if (buyer.wants[e] && !blocked) {
                                claimUnrestricted[b] = buyer.claimWeight[e];
                                totalUnrestricted += claimUnrestricted[b];
                                if (!buyer.notMinedIn.contains(minedIn) && !buyer.notRefinedIn.contains(refinedIn)) {
                                    claim[b] = buyer.claimWeight[e];
                                    total += claim[b];
                                }
                            }
                        }
                        for (int b = 0; b < buyerCount; b++) {
                            if (claim[b] > 0) {
                                byMiningCountry[b][mined] += pool[mined][refined] * claim[b] / total;
                                byRefiningCountry[b][refined] += pool[mined][refined] * claim[b] / total;
                            }
                            if (claimUnrestricted[b] > 0) {
                                unrestricted[b] += pool[mined][refined] * claimUnrestricted[b] / totalUnrestricted;
                            }
                        }
                    }
                }
                for (int b = 0; b < buyerCount; b++) {
                    DrawnBuyer buyer = buyers.get(b);
                    double cap = buyer.maxCountryShare;
                    buyer.reachable[e] += Math.min(capped(byMiningCountry[b], cap), capped(byRefiningCountry[b], cap))
                            / years;
                    buyer.reachableUncapped[e] += Arrays.stream(byMiningCountry[b]).sum() / years;
                    buyer.reachableUnrestricted[e] += unrestricted[b] / years;
                }
            }
        }
    }

    /**
     * The most a buyer can receive when no country may give more than {@code maxShare} of it,
     * given what each country could give: the largest D with Σ_c min(a_c, maxShare · D) ≥ D.
     */
    static double capped(double[] byCountry, double maxShare) {
        double total = Arrays.stream(byCountry).sum();
        if (maxShare >= 1 || total <= 0) {
            return total;
        }
        double low = 0;
        double high = total;
        for (int i = 0; i < 60; i++) {
            double mid = (low + high) / 2;
            double received = 0;
            for (double available : byCountry) {
                received += Math.min(available, maxShare * mid);
            }
            if (received >= mid) {
                low = mid;
            } else {
                high = mid;
            }
        }
        return low;
    }
}
