package io.github.jaxrscors.runtime.spring;

import io.github.jaxrscors.CorsConfigException;
import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/**
 * Reports a CORS configuration that stopped the start as Spring Boot reports a failed start, in its
 * "APPLICATION FAILED TO START" report, rather than as a stack trace in which the library's message
 * is one cause among Tomcat's and Jersey's. Listed in {@code META-INF/spring.factories}.
 */
public final class CorsFailureAnalyzer extends AbstractFailureAnalyzer<CorsConfigException> {

    @Override
    protected FailureAnalysis analyze(Throwable rootFailure, CorsConfigException cause) {
        return new FailureAnalysis(cause.getMessage(), "Correct each problem as it says. The cors.* keys are read through "
                + "Spring's Environment: application.properties, application.yml, environment variables (CORS_ALLOWED_ORIGINS) "
                + "and Spring's other property sources.", cause);
    }
}
