package io.github.jaxrscors.internal.policy;

import java.util.Locale;

/** Why a request was refused: a closed list, so that a metric attribute's values are bounded. */
public enum Reason {
    /** The origin is well-formed but not allowed. */
    ORIGIN,
    /** The origin is not {@code scheme://host[:port]}, is repeated, or is too long. */
    MALFORMED_ORIGIN,
    METHOD,
    /** A requested header is not allowed, or the list of them is not a list of names. */
    HEADER,
    /** An actual request with a content type that is not CORS-safelisted, where {@code Content-Type} is not allowed. */
    CONTENT_TYPE,
    /** A private-network preflight the policy does not permit: answered without permission, which browsers refuse. */
    PRIVATE_NETWORK,
    /** The deployment failed, so every cross-origin request is refused. */
    NOT_DEPLOYED;

    private final String attribute = name().toLowerCase(Locale.ROOT);

    /** The value of the {@code cors.reason} metric attribute: {@code malformed_origin}. */
    public String attribute() {
        return attribute;
    }
}
