package io.github.jaxrscors.it.resteasy;

import io.github.jaxrscors.it.app.CodePolicyApplication;

/** A RESTEasy application that gives its policy in code ({@link CodePolicyApplication}). */
public final class RestEasyProgrammaticServer {

    private RestEasyProgrammaticServer() {
    }

    public static void main(String[] args) {
        RestEasyDropInServer.serve(CodePolicyApplication.class);
    }
}
