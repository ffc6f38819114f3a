package io.github.jaxrscors.it;

import io.github.jaxrscors.it.GeneratedRequests.Request;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * What RESTEasy on Undertow hands Jakarta REST for a request, where it is not what the client sent
 * (each rule seen on the wire with RESTEasy 7.0.1 and Undertow 2.3): the library decides on what it
 * is handed, so the inspector is asked about that.
 */
final class RestEasyDelivery {

    /**
     * The methods Undertow's request parser knows ({@code io.undertow.util.Methods}): it reads them
     * in any case and hands them on in upper case, so {@code put} reaches the application as
     * {@code PUT}. Others ({@code PURGE}) stay as sent.
     */
    private static final Set<String> UNDERTOW_METHODS = Set.of("OPTIONS", "GET", "HEAD", "POST", "PUT", "DELETE", "TRACE",
            "CONNECT", "PATCH", "PROPFIND", "PROPPATCH", "MKCOL", "COPY", "MOVE", "LOCK", "UNLOCK", "ACL", "REPORT",
            "VERSION-CONTROL", "CHECKIN", "CHECKOUT", "UNCHECKOUT", "SEARCH", "MKWORKSPACE", "UPDATE", "LABEL", "MERGE",
            "BASELINE_CONTROL", "MKACTIVITY");

    /** Content types RESTEasy cannot parse: it answers 400 with Undertow's error page before any filter runs. */
    private static final Set<String> UNPARSEABLE_CONTENT_TYPES = Set.of("garbage", "application/json, text/plain");

    private RestEasyDelivery() {
    }

    static boolean refusesContentType(Request request) {
        List<String> headers = request.headers();
        for (int i = 0; i < headers.size(); i += 2) {
            if (headers.get(i).equalsIgnoreCase("Content-Type") && UNPARSEABLE_CONTENT_TYPES.contains(headers.get(i + 1))) {
                return true;
            }
        }
        return false;
    }

    /** The request as the application sees it: known methods in upper case, a tab in a header value read as a space. */
    static Request asDelivered(Request request) {
        String upper = request.method().toUpperCase(Locale.ROOT);
        String method = UNDERTOW_METHODS.contains(upper) ? upper : request.method();
        List<String> headers = new ArrayList<>(request.headers());
        for (int i = 1; i < headers.size(); i += 2) {
            headers.set(i, headers.get(i).replace('\t', ' '));
        }
        return new Request(method, request.path(), List.copyOf(headers));
    }
}
