package org.lodestone.domain;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.function.ToDoubleFunction;
import org.junit.jupiter.api.Test;

/** The parts of instance-reference.md §10 as the reference names and groups them. */
class CostPartTest {
    @Test
    void operatingPartsAreThoseOfOperatingOfModelMd() {
        assertEquals(List.of(CostPart.MINING, CostPart.REFINING, CostPart.CONTRACTS, CostPart.FREIGHT,
                CostPart.TARIFFS, CostPart.SUBSTITUTION, CostPart.SHORTFALL, CostPart.SURPLUS_REVENUE,
                CostPart.HOLDING), Arrays.stream(CostPart.values()).filter(CostPart::operating).toList());
    }

    @Test
    void onlySurplusRevenueLowersTheObjective() {
        assertEquals(List.of(CostPart.SURPLUS_REVENUE),
                Arrays.stream(CostPart.values()).filter(p -> p.sign() < 0).toList());
    }

    @Test
    void moneyIsEveryPartButRisk() {
        assertFalse(CostPart.money().contains(CostPart.RISK));
        assertEquals(CostPart.values().length - 1, CostPart.money().size());
    }

    @Test
    void keysFindTheirPart() {
        for (CostPart part : CostPart.values()) {
            assertEquals(Optional.of(part), CostPart.ofKey(part.key()));
        }
        assertEquals(Optional.empty(), CostPart.ofKey("riskCost"));
    }

    @Test
    void operatingCostAndNetAddCostsAndSubtractRevenue() {
        // each part 2^ordinal: capex 1, fixedOpex 2, signing 4, mining 8 … shortfall 512, surplusRevenue 1024,
        // holding 2048, riskPremium 4096, risk 8192
        ToDoubleFunction<CostPart> amount = part -> Math.pow(2, part.ordinal());
        // mining 8 + … + shortfall 512 − surplus revenue + holding; the risk premium is no scenario's cost
        assertEquals(1016 - 1024 + 2048, CostPart.operatingCost(amount));
        // capex 1 + … + shortfall 512 − surplus + holding + risk premium; no risk
        assertEquals(1023 - 1024 + 2048 + 4096, CostPart.net(amount));
    }
}
