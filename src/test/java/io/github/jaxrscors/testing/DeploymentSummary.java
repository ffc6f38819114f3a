package io.github.jaxrscors.testing;

/** The lines each deployment logs about itself (its summary, its route table), for tests that watch other lines. */
public final class DeploymentSummary {

    private DeploymentSummary() {
    }

    public static boolean is(String message) {
        return message.startsWith("CORS: ") || message.startsWith("CORS route table:");
    }
}
