package org.lodestone.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;

import org.lodestone.domain.Instance;
import org.lodestone.io.InstanceReader;
import org.lodestone.io.PlanJson;
import org.lodestone.plan.CheckReport;
import org.lodestone.plan.Plan;
import org.lodestone.plan.PlanChecker;
import org.lodestone.validate.InvalidInputException;

import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

@Command(name = "verify", mixinStandardHelpOptions = true,
        description = "Re-check a plan against its instance with the independent checker: every rule, every cost.")
final class VerifyCommand implements Callable<Integer> {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Parameters(index = "0", paramLabel = "INSTANCE", description = "Instance file (.json, .yaml or .yml).")
    Path instanceFile;

    @Parameters(index = "1", paramLabel = "PLAN", description = "Plan file written by lodestone solve -o.")
    Path planFile;

    @Override
    public Integer call() throws Exception {
        Instance instance;
        try {
            instance = InstanceReader.read(instanceFile, java.util.List.of());
        } catch (InvalidInputException e) {
            throw e.withoutSet(); // verify takes no --set
        }
        Plan plan = PlanJson.read(planFile)
                .requireFor(instance, message -> new InvalidInputException("instance", message));
        CheckReport report = PlanChecker.check(instance, plan);
        PrintWriter out = spec.commandLine().getOut();
        if (report.ok()) {
            out.printf("%s holds: every rule of models/instance-reference.md (Rules 1-14) is met and the objective %,.2f "
                    + "matches the recomputed %,.2f%n", planFile, plan.objective(), report.objective());
            return ExitCodes.OK;
        }
        out.printf("%s does not hold: %d violation%s%n", planFile, report.violations().size(),
                report.violations().size() == 1 ? "" : "s");
        report.violations().forEach(v -> out.println("  " + v));
        return ExitCodes.NO_PLAN;
    }
}
