package org.lodestone.validate;

import java.util.List;

/** An input that cannot be used, with every problem found in it (exit code 2). */
public class InvalidInputException extends Exception {
    private static final long serialVersionUID = 1L;
    private final transient List<Problem> problems;

    public InvalidInputException(List<Problem> problems) {
        super(problems.size() == 1 ? problems.get(0).toString() : problems.size() + " problems");
        this.problems = List.copyOf(problems);
    }

    public InvalidInputException(String path, String message) {
        this(List.of(new Problem(path, message)));
    }

    public List<Problem> problems() {
        return problems;
    }

    /** The same problems, of an input {@code --set} does not change (see {@link Problem#withoutSet()}). */
    public InvalidInputException withoutSet() {
        return new InvalidInputException(problems.stream().map(Problem::withoutSet).toList());
    }
}
