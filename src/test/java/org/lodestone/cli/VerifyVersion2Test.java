package org.lodestone.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.lodestone.cli.CliTest.conformance;
import static org.lodestone.cli.CliTest.run;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.lodestone.domain.Instance;
import org.lodestone.io.InstanceReader;
import org.lodestone.io.PlanJson;
import org.lodestone.plan.PlanBuilder;

/**
 * {@code lodestone verify} checks plans of model version 2 instances with the independent checker
 * instead of refusing them; the plan is written by hand, since the model may not solve them yet.
 */
class VerifyVersion2Test {
    @TempDir
    Path tmp;

    /**
     * t17 of the conformance README: in 2026 neither scenario is revealed, both stock 500 t on
     * top of the 500 t demand; in 2027 both release it. 1.55e7.
     */
    private Path t17Plan(Instance in, double embargoFill) throws Exception {
        PlanBuilder plan = PlanBuilder.plan(in);
        for (String s : List.of("calm", "embargo")) {
            double fill = s.equals("calm") ? 500 : embargoFill;
            plan.scenario(s, 0.5).concentrate("mC", "rC", 2026, 5 * (500 + fill))
                    .deliver("mC", "rC", "b1", "NdPr", 2026, 500 + fill).stock("reserve", 2026, fill, 0, fill)
                    .stock("reserve", 2027, 0, fill, 0).shortfall("b1", "NdPr", 2027, 500 - fill);
        }
        Path file = tmp.resolve("plan-" + embargoFill + ".json");
        PlanJson.write(plan.reconciled(in), file);
        return file;
    }

    @Test
    void verifyChecksAPlanOfAVersion2Instance() throws Exception {
        String instance = conformance("t17_stockpile_reveal.json");
        Instance in = InstanceReader.read(Path.of(instance), List.of());
        CliTest.Run ok = run("verify", instance, t17Plan(in, 500).toString());
        assertEquals(0, ok.exit(), ok.out() + ok.err());
        assertTrue(ok.out().contains("holds") && ok.out().contains("15,500,000.00"), ok.out());

        // embargo stocks less in 2026, as if it knew its future
        CliTest.Run bad = run("verify", instance, t17Plan(in, 400).toString());
        assertEquals(1, bad.exit(), bad.out() + bad.err());
        assertTrue(bad.out().contains("scenario embargo, 2026: fill of stockpile reserve is 400.0 t but 500.0 t in"
                + " scenario calm, and neither scenario is revealed yet"), bad.out());
        bad.assertNoStackTrace();
    }

    @Test
    void verifyComparesTheCvarOfTheFile() throws Exception {
        Path plan = tmp.resolve("plan.json");
        String instance = conformance("t17_stockpile_reveal.json");
        Instance in = InstanceReader.read(Path.of(instance), List.of());
        String written = Files.readString(t17Plan(in, 500));
        assertTrue(written.contains("\"cvar\" : null"), written);
        Files.writeString(plan, written.replace("\"cvar\" : null", "\"cvar\" : 1.55E7"));
        CliTest.Run r = run("verify", instance, plan.toString());
        assertEquals(1, r.exit(), r.out() + r.err());
        assertTrue(r.out().contains("cvar: the plan reports 15500000.0 but the instance has no riskAversion"), r.out());
    }
}
