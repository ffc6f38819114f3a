/**
 * Spring Boot with {@code spring-boot-starter-jersey}: an auto-configuration (listed in
 * {@code META-INF/spring/org.springframework.boot.autoconfigure.AutoConfiguration.imports}) that
 * reads the {@code cors.*} keys through Spring's {@code Environment}, decides requests in a servlet
 * filter ahead of Spring Security, and keeps Spring's own CORS out. Not for application code; only
 * Spring Boot loads these classes.
 */
package io.github.jaxrscors.runtime.spring;
