package org.lodestone.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;

import org.lodestone.domain.Instance;
import org.lodestone.io.InstanceReader;
import org.lodestone.model.MipModel;
import org.lodestone.model.SourcingModel;

import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "validate", mixinStandardHelpOptions = true,
        description = "Check an instance: list every problem, or print its size.")
final class ValidateCommand implements Callable<Integer> {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Parameters(index = "0", paramLabel = "INSTANCE", description = "Instance file (.json, .yaml or .yml).")
    Path instanceFile;

    @Option(names = "--set", paramLabel = "PATH=VALUE", description = "Override one value first (JSON Pointer).")
    List<String> overrides = new ArrayList<>();

    @Override
    public Integer call() throws Exception {
        Instance instance = InstanceReader.read(instanceFile, overrides);
        MipModel mip = SourcingModel.build(instance).mip();
        PrintWriter out = spec.commandLine().getOut();
        out.printf("%s is valid: instance \"%s\"%n", instanceFile, instance.name());
        out.printf("  %d years (%d-%d), %d elements, %d countries, %d facilities (%d mines, %d refineries), "
                        + "%d buyers, %d contracts, %d scenarios%n",
                instance.horizon().years(), instance.horizon().start(), instance.horizon().last(),
                instance.elements().size(), instance.countries().size(),
                instance.mines().size() + instance.refineries().size(), instance.mines().size(),
                instance.refineries().size(), instance.buyers().size(), instance.contracts().size(),
                instance.scenarios().size());
        out.printf(Locale.ROOT, "  model: %,d variables (%,d integer), %,d constraints, %,d nonzeros%n",
                mip.variables(), mip.integerVariables(), mip.rows(), mip.nonzeros());
        out.printf(Locale.ROOT, "  magnitudes: matrix %s, objective %s USD, right-hand sides %s%n",
                mip.matrixRange(), mip.objectiveRange(), mip.rhsRange());
        return ExitCodes.OK;
    }
}
