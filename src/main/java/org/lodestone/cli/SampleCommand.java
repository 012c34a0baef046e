package org.lodestone.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import org.lodestone.io.AtomicFiles;
import org.lodestone.io.InstanceReader;
import org.lodestone.saa.Futures;
import org.lodestone.saa.Sampler;
import org.lodestone.validate.InvalidInputException;

@Command(name = "sample", mixinStandardHelpOptions = true,
        description = {"Draw futures from the instance's disruption model (\"disruptions\") and write the instance "
                + "with them as its scenarios (sample-1 ... sample-N, probability 1/N each, revealed when their first "
                + "event starts), replacing the listed ones. The file is an ordinary instance: solve, verify and "
                + "inspect it like any other. The same instance, N and seed give the same file on every machine.",
                "Exit 0 written, 2 bad input (or no disruption model)."})
final class SampleCommand implements Callable<Integer> {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Parameters(index = "0", paramLabel = "INSTANCE", description = "Instance file with a disruption model.")
    Path instanceFile;

    @Option(names = "--samples", paramLabel = "N", required = true, description = "How many futures to draw.")
    int samples;

    @Option(names = "--seed", paramLabel = "S", defaultValue = "1",
            description = "Seed of the draws (default ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--set", paramLabel = "PATH=VALUE", description = "Override one value of the instance first "
            + "(a JSON Pointer, e.g. /disruptions/0/annualProbability=0.2).")
    List<String> overrides = new ArrayList<>();

    @Option(names = {"-o", "--output"}, paramLabel = "FILE", required = true,
            description = "Where to write the sampled instance (JSON).")
    Path output;

    @Override
    public Integer call() throws Exception {
        if (samples < 1) {
            throw new CommandLine.ParameterException(spec.commandLine(),
                    "--samples must be >= 1 (got " + samples + ")");
        }
        new OutputFiles().file("-o", output, "sampled.json").require();
        JsonNode tree = InstanceReader.readTree(instanceFile, overrides);
        Futures futures;
        try {
            futures = Futures.of(tree);
        } catch (IllegalArgumentException e) {
            throw new InvalidInputException("disruptions", e.getMessage());
        }
        JsonNode sampled = futures.sampled(seed, 0, samples);
        // what was written must read back as an instance (the promise of the command)
        InstanceReader.toInstance(sampled);
        try {
            AtomicFiles.writeString(output, new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT)
                    .writeValueAsString(sampled) + "\n");
        } catch (IOException e) {
            throw new InvalidInputException("", "cannot write " + output + ": " + e.getMessage());
        }
        Sampler sampler = futures.sampler(seed);
        int disrupted = 0;
        for (int k = 0; k < samples; k++) {
            disrupted += sampler.runs(k).isEmpty() ? 0 : 1;
        }
        PrintWriter err = spec.commandLine().getErr();
        err.printf(Locale.ROOT, "%d futures drawn (seed %d): %d with at least one disruption, %d without%n", samples,
                seed, disrupted, samples - disrupted);
        err.println("Instance written to " + output);
        err.flush();
        return ExitCodes.OK;
    }
}
