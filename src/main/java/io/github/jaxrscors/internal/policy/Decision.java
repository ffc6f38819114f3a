package io.github.jaxrscors.internal.policy;

/**
 * What a policy says about one request: allowed, or refused for a {@link Reason}. Every decision
 * but a refused header is a shared constant, so that deciding allocates nothing; a refused header
 * remembers where its name stands in {@code Access-Control-Request-Headers}, for the reason text.
 */
public final class Decision {

    public static final Decision ALLOWED = new Decision(null, false, -1, -1);
    /** Allowed, but some requested headers only by prefix, predicate or {@code *}: the answer echoes them. */
    public static final Decision ALLOWED_ECHOING_HEADERS = new Decision(null, true, -1, -1);
    /**
     * The origin was not allowed. Whether it was malformed is told by {@link #reason(String)}, not
     * here: refusing an origin that is not on the list must not cost a parse.
     */
    public static final Decision ORIGIN = new Decision(Reason.ORIGIN, false, -1, -1);
    public static final Decision METHOD = new Decision(Reason.METHOD, false, -1, -1);
    /** {@code Access-Control-Request-Headers} is not a list of header names. */
    public static final Decision MALFORMED_HEADERS = new Decision(Reason.HEADER, false, -1, -1);
    public static final Decision CONTENT_TYPE = new Decision(Reason.CONTENT_TYPE, false, -1, -1);
    public static final Decision PRIVATE_NETWORK = new Decision(Reason.PRIVATE_NETWORK, false, -1, -1);
    public static final Decision NOT_DEPLOYED = new Decision(Reason.NOT_DEPLOYED, false, -1, -1);

    private final Reason reason;
    private final boolean echoesHeaders;
    private final int headerStart;
    private final int headerEnd;

    private Decision(Reason reason, boolean echoesHeaders, int headerStart, int headerEnd) {
        this.reason = reason;
        this.echoesHeaders = echoesHeaders;
        this.headerStart = headerStart;
        this.headerEnd = headerEnd;
    }

    /** The header named at {@code [start, end)} of the request's {@code Access-Control-Request-Headers} is not allowed. */
    static Decision refusedHeader(int start, int end) {
        return new Decision(Reason.HEADER, false, start, end);
    }

    public boolean allowed() {
        return reason == null;
    }

    boolean echoesHeaders() {
        return echoesHeaders;
    }

    /**
     * Why the request from {@code origin} was refused, or null when it was allowed: an origin
     * refusal is told apart from a malformed origin here, at the cost of a parse.
     */
    public Reason reason(String origin) {
        return this == ORIGIN && OriginParser.parse(origin) == OriginParser.MALFORMED ? Reason.MALFORMED_ORIGIN : reason;
    }

    /** The refused header's name in lower case, from the request's {@code Access-Control-Request-Headers}; null if none. */
    public String refusedHeader(String requestHeaders) {
        return headerStart < 0 ? null : Ascii.toLowerCase(requestHeaders, headerStart, headerEnd);
    }

    @Override
    public String toString() {
        return reason == null ? (echoesHeaders ? "allowed, echoing headers" : "allowed") : "refused: " + reason.attribute();
    }
}
