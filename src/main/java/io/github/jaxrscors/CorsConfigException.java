package io.github.jaxrscors;

import java.io.Serializable;
import java.util.List;
import java.util.Objects;

/**
 * A CORS configuration that cannot be used safely, found while building a {@link CorsPolicy},
 * deploying the application or reloading its configuration. It lists every problem found, not just
 * the first, each with where it was written, the value and the reason with its fix.
 */
public final class CorsConfigException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    /**
     * One mistake.
     *
     * @param where the configuration key ({@code cors.allowed-origins}), the builder method
     *     ({@code allowOrigin}) or the {@code @Cors} site ({@code @Cors(origins) on com.example.Api#get});
     *     empty where the mistake is not in one place (no MicroProfile Config implementation)
     * @param value the offending value as written, or null where the mistake is not one value (an
     *     unknown key, a missing implementation)
     * @param message the reason and the fix, as it reads after {@code where: }
     * @serial exclude
     */
    public record Problem(String where, String value, String message) implements Serializable {

        /**
         * Requires {@code where} and {@code message}.
         *
         * @param where where the mistake was written, or empty
         * @param value the offending value, or null
         * @param message the reason and the fix
         */
        public Problem {
            Objects.requireNonNull(where, "where");
            Objects.requireNonNull(message, "message");
        }

        /** The problem as one line: {@code where: message}, or the message alone where it is nowhere in particular. */
        @Override
        public String toString() {
            return where.isEmpty() ? message : where + ": " + message;
        }
    }

    /** Every problem found, in the order found. */
    private final List<Problem> problems;

    /**
     * An exception listing {@code problems}; its message names every one of them.
     *
     * @param problems every problem found, at least one, in the order found
     */
    public CorsConfigException(List<Problem> problems) {
        this(problems, null);
    }

    /**
     * An exception listing {@code problems}, caused by {@code cause}.
     *
     * @param problems every problem found, at least one, in the order found
     * @param cause what made the configuration unusable, or null
     */
    public CorsConfigException(List<Problem> problems, Throwable cause) {
        super(describe(requireProblems(problems)), cause);
        this.problems = List.copyOf(problems);
    }

    private static List<Problem> requireProblems(List<Problem> problems) {
        if (Objects.requireNonNull(problems, "problems").isEmpty()) {
            throw new IllegalArgumentException("problems is empty: a CorsConfigException lists at least one");
        }
        return problems;
    }

    /** {@return every problem found, in the order found} */
    public List<Problem> problems() {
        return problems;
    }

    private static String describe(List<Problem> problems) {
        if (problems.size() == 1) {
            return "Invalid CORS configuration: " + problems.get(0);
        }
        StringBuilder message = new StringBuilder("Invalid CORS configuration (")
                .append(problems.size()).append(" problems):");
        for (Problem problem : problems) {
            message.append("\n  - ").append(problem);
        }
        return message.toString();
    }
}
