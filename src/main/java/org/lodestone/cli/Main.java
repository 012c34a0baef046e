package org.lodestone.cli;

/** Entry point of the {@code lodestone} command. */
public final class Main {
    private Main() {}

    public static void main(String[] args) {
        System.exit(LodestoneCommand.execute(args));
    }
}
