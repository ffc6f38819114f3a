package io.github.jaxrscors.internal.policy;

/** A {@link Decision} as the tables of the policy tests name it: one value per kind of decision. */
enum Verdict {
    ALLOWED,
    ALLOWED_ECHOING_HEADERS,
    ORIGIN_NOT_ALLOWED,
    METHOD_NOT_ALLOWED,
    HEADERS_MALFORMED,
    HEADER_NOT_ALLOWED,
    CONTENT_TYPE_NOT_ALLOWED,
    PRIVATE_NETWORK_NOT_ALLOWED;

    static Verdict of(Decision decision) {
        if (decision == Decision.ALLOWED) {
            return ALLOWED;
        }
        if (decision == Decision.ALLOWED_ECHOING_HEADERS) {
            return ALLOWED_ECHOING_HEADERS;
        }
        if (decision == Decision.MALFORMED_HEADERS) {
            return HEADERS_MALFORMED;
        }
        return switch (decision.reason("https://well.formed")) {
            case ORIGIN, MALFORMED_ORIGIN, NOT_DEPLOYED -> ORIGIN_NOT_ALLOWED;
            case METHOD -> METHOD_NOT_ALLOWED;
            case HEADER -> HEADER_NOT_ALLOWED;
            case CONTENT_TYPE -> CONTENT_TYPE_NOT_ALLOWED;
            case PRIVATE_NETWORK -> PRIVATE_NETWORK_NOT_ALLOWED;
        };
    }
}
