package io.github.jaxrscors.internal.policy;

import java.util.AbstractList;
import java.util.ArrayList;
import java.util.RandomAccess;

/**
 * The values of one response header, as a list of its own that other filters may still add to.
 * Sized for the one value the library writes: half the bytes of an {@code ArrayList} holding one
 * value, and an actual response carries up to five of them.
 */
final class HeaderValues extends AbstractList<Object> implements RandomAccess {

    private static final Object NONE = new Object();

    /** The value while there is at most one; {@link #NONE} when empty. */
    private Object one;
    /** All values once there are several (or after removals); then {@link #one} is unused. */
    private ArrayList<Object> several;

    HeaderValues(Object value) {
        this.one = value;
    }

    @Override
    public Object get(int index) {
        if (several != null) {
            return several.get(index);
        }
        if (index != 0 || one == NONE) {
            throw new IndexOutOfBoundsException("Index " + index + " out of bounds for length " + size());
        }
        return one;
    }

    @Override
    public int size() {
        return several != null ? several.size() : one == NONE ? 0 : 1;
    }

    @Override
    public Object set(int index, Object value) {
        if (several != null) {
            return several.set(index, value);
        }
        Object previous = get(index);
        one = value;
        return previous;
    }

    @Override
    public void add(int index, Object value) {
        if (several == null) {
            if (one == NONE && index == 0) {
                one = value;
                modCount++;
                return;
            }
            several = new ArrayList<>(4);
            if (one != NONE) {
                several.add(one);
            }
            one = NONE;
        }
        several.add(index, value);
        modCount++;
    }

    @Override
    public Object remove(int index) {
        Object removed;
        if (several != null) {
            removed = several.remove(index);
        } else {
            removed = get(index);
            one = NONE;
        }
        modCount++;
        return removed;
    }
}
