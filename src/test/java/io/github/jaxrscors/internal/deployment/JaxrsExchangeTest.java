package io.github.jaxrscors.internal.deployment;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.MultivaluedHashMap;
import jakarta.ws.rs.core.MultivaluedMap;
import java.lang.reflect.Proxy;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

/** How a header is read from each runtime's request: the same request is decided the same everywhere. */
class JaxrsExchangeTest {

    @Test
    void aHeaderWithoutValuesIsAbsent() {
        assertThat(header("origin")).isNull();
    }

    @Test
    void aNullValueAsCxfListsItIsAbsent() {
        assertThat(header("content-type", (String) null)).isNull();
    }

    @Test
    void aNullValueBetweenOthersIsEmpty() {
        assertThat(header("origin", "https://a.example", null)).isEqualTo("https://a.example,");
    }

    @Test
    void whitespaceAroundAValueIsDropped() {
        assertThat(header("origin", " \thttps://a.example \t")).isEqualTo("https://a.example");
    }

    @Test
    void severalLinesAreJoinedWithCommas() {
        assertThat(header("origin", "https://a.example ", " https://b.example"))
                .isEqualTo("https://a.example,https://b.example");
    }

    private static String header(String name, String... values) {
        MultivaluedMap<String, String> headers = new MultivaluedHashMap<>();
        if (values.length > 0) {
            headers.put(name, Arrays.asList(values));
        }
        ContainerRequestContext request = (ContainerRequestContext) Proxy.newProxyInstance(
                JaxrsExchangeTest.class.getClassLoader(),
                new Class<?>[] {ContainerRequestContext.class},
                (proxy, method, args) -> {
                    if (method.getName().equals("getHeaders")) {
                        return headers;
                    }
                    throw new UnsupportedOperationException(method.getName());
                });
        return JaxrsExchange.INSTANCE.header(request, name);
    }
}
