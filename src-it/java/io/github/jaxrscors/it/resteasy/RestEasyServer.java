package io.github.jaxrscors.it.resteasy;

import io.github.jaxrscors.it.app.ForkedMain;

/** Any of the tests' applications on RESTEasy + Undertow, named by {@code -Dit.application} ({@link ForkedMain#APPLICATION}). */
public final class RestEasyServer {

    private RestEasyServer() {
    }

    public static void main(String[] args) throws ClassNotFoundException {
        RestEasyDropInServer.serve(ForkedMain.application());
    }
}
