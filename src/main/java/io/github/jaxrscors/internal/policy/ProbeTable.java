package io.github.jaxrscors.internal.policy;

import java.util.Collection;
import java.util.function.ToIntFunction;

/**
 * The library's one hash table, for the look-ups on the request path: header names, exact
 * origins, origin parts and literal path segments. Open addressing with linear probing over a
 * power-of-two array at most half full. The table only places entries; its owner hashes them, and
 * walks a chain with a hash it computed from a region of the request, comparing in place, so that
 * a look-up reads the request where it is and allocates nothing:
 *
 * <pre>{@code
 * for (int slot = table.first(hash); table.at(slot) != null; slot = table.next(slot)) { ... }
 * }</pre>
 *
 * @param <E> the entries; the owner removes duplicates before building the table
 */
public final class ProbeTable<E> {

    private final Object[] slots;
    private final int mask;

    /** Places every entry by the hash its owner's look-ups will compute for it. */
    public ProbeTable(Collection<? extends E> entries, ToIntFunction<? super E> hash) {
        int capacity = Integer.highestOneBit(Math.max(4, entries.size() * 2) - 1) << 1;
        slots = new Object[capacity];
        mask = capacity - 1;
        for (E entry : entries) {
            int slot = first(hash.applyAsInt(entry));
            while (slots[slot] != null) {
                slot = next(slot);
            }
            slots[slot] = entry;
        }
    }

    /** The first slot of the chain for {@code hash}; the hash's high bits are folded in. */
    public int first(int hash) {
        return (hash ^ (hash >>> 16)) & mask;
    }

    public int next(int slot) {
        return (slot + 1) & mask;
    }

    /** The entry in {@code slot}; null ends the chain. */
    @SuppressWarnings("unchecked")
    public E at(int slot) {
        return (E) slots[slot];
    }
}
