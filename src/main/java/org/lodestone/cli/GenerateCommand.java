package org.lodestone.cli;

import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.Iterator;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;

import com.fasterxml.jackson.databind.node.ObjectNode;

import org.lodestone.generate.Feature;
import org.lodestone.generate.InstanceGenerator;
import org.lodestone.generate.InstanceGenerator.GeneratorSpec;
import org.lodestone.io.AtomicFiles;
import org.lodestone.io.InstanceReader;
import org.lodestone.validate.InvalidInputException;

import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(name = "generate", mixinStandardHelpOptions = true,
        description = "Generate a random but realistic instance of any size (the same options give the "
                + "same file, byte for byte).")
final class GenerateCommand implements Callable<Integer> {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Option(names = "--years", paramLabel = "N", defaultValue = "10",
            description = "Planning years, from " + InstanceGenerator.START + " (default ${DEFAULT-VALUE}).")
    int years;

    @Option(names = "--mines", paramLabel = "N", defaultValue = "10", description = "Mines (default ${DEFAULT-VALUE}).")
    int mines;

    @Option(names = "--refineries", paramLabel = "N", defaultValue = "5",
            description = "Refineries (default ${DEFAULT-VALUE}).")
    int refineries;

    @Option(names = "--buyers", paramLabel = "N", defaultValue = "4", description = "Buyers (default ${DEFAULT-VALUE}).")
    int buyers;

    @Option(names = "--elements", paramLabel = "N", defaultValue = "6",
            description = "Elements: NdPr, Dy, Tb, La, Ce, Sm, then E7, E8, ... (default ${DEFAULT-VALUE}).")
    int elements;

    @Option(names = "--scenarios", paramLabel = "N", defaultValue = "2",
            description = "Scenarios; 1 leaves scenarios out (default ${DEFAULT-VALUE}).")
    int scenarios;

    @Option(names = "--seed", paramLabel = "S", defaultValue = "1", description = "Random seed (default ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--v2", description = "Use every feature of model version 2 (schema lodestone/2): "
            + "the same as --with with every feature.")
    boolean allFeatures;

    @Option(names = "--with", paramLabel = "FEATURE", split = ",",
            description = "Features of model version 2 to use, comma-separated or repeated: ${COMPLETION-CANDIDATES}. "
                    + "Build delays, price factors and reveal years need --scenarios 2 or more. Without --v2 or "
                    + "--with the instance is version 1, as before.",
            completionCandidates = FeatureKeys.class)
    List<String> featureKeys = new ArrayList<>();

    @Option(names = {"-o", "--output"}, paramLabel = "FILE",
            description = "Write the instance here (atomically); without -o it goes to standard output.")
    Path output;

    /** The feature keys, for the help text. */
    static final class FeatureKeys implements Iterable<String> {
        @Override
        public Iterator<String> iterator() {
            return Arrays.stream(Feature.values()).map(Feature::key).iterator();
        }
    }

    private Set<Feature> features() {
        Set<Feature> features = EnumSet.noneOf(Feature.class);
        if (allFeatures) {
            features.addAll(EnumSet.allOf(Feature.class));
        }
        for (String key : featureKeys) {
            features.add(Feature.ofKey(key.trim()).orElseThrow(() -> new CommandLine.ParameterException(
                    spec.commandLine(), "--with: unknown feature \"" + key + "\" (features: " + Feature.keys() + ")")));
        }
        return features;
    }

    @Override
    public Integer call() throws Exception {
        List<String> problems = GeneratorSpec.problems(years, mines, refineries, buyers, elements, scenarios);
        if (!problems.isEmpty()) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--" + String.join("; --", problems));
        }
        new OutputFiles().file("-o", output, "instance.json").require();
        GeneratorSpec generatorSpec = new GeneratorSpec(years, mines, refineries, buyers, elements, scenarios, seed,
                features());
        ObjectNode tree = InstanceGenerator.generate(generatorSpec);
        try {
            InstanceReader.toInstance(tree);
        } catch (InvalidInputException e) { // a bug of the generator, not of the user's input
            throw new IllegalStateException("the generated instance is invalid: " + e.problems(), e);
        }
        String json = InstanceGenerator.toJson(tree);
        if (output == null) {
            spec.commandLine().getOut().print(json);
            spec.commandLine().getOut().flush();
        } else {
            try {
                AtomicFiles.writeString(output, json);
            } catch (IOException e) {
                String why = e instanceof NoSuchFileException ? "no such directory"
                        : e instanceof AccessDeniedException ? "permission denied"
                        : String.valueOf(e.getMessage());
                throw new InvalidInputException("", "cannot write " + output + ": " + why);
            }
            spec.commandLine().getOut().println("Instance \"" + generatorSpec.name() + "\" written to " + output);
        }
        return ExitCodes.OK;
    }
}
