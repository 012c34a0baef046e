package org.lodestone.domain;

/**
 * An instance uses features that this version of the planner cannot give their meaning yet; the
 * message names them. The command line answers it as bad input (exit code 2).
 */
public class UnsupportedFeaturesException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public UnsupportedFeaturesException(String message) {
        super(message);
    }
}
