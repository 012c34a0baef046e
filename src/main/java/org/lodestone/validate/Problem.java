package org.lodestone.validate;

/**
 * One thing wrong with an input, named by its JSON path in the style of model.md §5
 * ({@code mines[3].basket.Nd}); the empty path names the document itself.
 */
public record Problem(String path, String message) {
    @Override
    public String toString() {
        return path.isEmpty() ? message : path + ": " + message;
    }
}
