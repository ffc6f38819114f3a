package io.github.jaxrscors.internal.policy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The one-value list the library writes headers with behaves as any list when other filters change it. */
class HeaderValuesTest {

    @Test
    void holdsOneValue() {
        List<Object> values = new HeaderValues("Origin");

        assertThat(values).containsExactly("Origin").isEqualTo(List.of("Origin"));
        assertThat(values.hashCode()).isEqualTo(List.of("Origin").hashCode());
        assertThatThrownBy(() -> values.get(1)).isInstanceOf(IndexOutOfBoundsException.class);
    }

    @Test
    void takesWhatOtherFiltersAdd() {
        List<Object> values = new HeaderValues("Origin");

        values.add("Accept");
        values.add(0, "Accept-Encoding");
        values.set(1, "origin");

        assertThat(values).containsExactly("Accept-Encoding", "origin", "Accept");
    }

    @Test
    void behavesAsAnArrayListUnderEveryChange() {
        List<Object> values = new HeaderValues("a");
        List<Object> reference = new ArrayList<>(List.of("a"));
        for (List<Object> list : List.of(values, reference)) {
            list.remove(0);
            list.add("b");
            list.add(0, "c");
            list.remove("b");
            list.addAll(List.of("d", "e"));
            list.removeIf("d"::equals);
            list.iterator().next();
        }

        assertThat(values).isEqualTo(reference).containsExactly("c", "e");
    }

    @Test
    void emptiesAndFillsAgain() {
        List<Object> values = new HeaderValues("a");

        values.clear();
        assertThat(values).isEmpty();
        values.add("b");

        assertThat(values).containsExactly("b");
        assertThatThrownBy(() -> values.set(1, "x")).isInstanceOf(IndexOutOfBoundsException.class);
    }
}
