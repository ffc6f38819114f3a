package io.github.jaxrscors;

import java.util.List;

/**
 * A CORS configuration that cannot be used safely, found while building a {@link CorsPolicy} or
 * deploying the application. The message lists every problem found, not just the first, each with
 * the key or builder method, the value, the reason and the fix.
 */
public final class CorsConfigException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final List<String> problems;

    CorsConfigException(List<String> problems) {
        super(describe(problems));
        this.problems = List.copyOf(problems);
    }

    CorsConfigException(String problem, Throwable cause) {
        super(describe(List.of(problem)), cause);
        this.problems = List.of(problem);
    }

    /** Each problem as one line: where it is (key, builder method or annotation), the value and the fix. */
    public List<String> problems() {
        return problems;
    }

    private static String describe(List<String> problems) {
        if (problems.size() == 1) {
            return "Invalid CORS configuration: " + problems.get(0);
        }
        StringBuilder message = new StringBuilder("Invalid CORS configuration (")
                .append(problems.size()).append(" problems):");
        for (String problem : problems) {
            message.append("\n  - ").append(problem);
        }
        return message.toString();
    }
}
