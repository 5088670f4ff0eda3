package dev.directupload.application.harness;

import dev.directupload.application.port.out.TransactionPort;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;

/**
 * The one lock the in-memory stores share, and their transactions: every store call runs under the lock, so each
 * call is atomic; a transaction holds the lock for all of its work and, when the work throws, puts every
 * registered store back as it was when the transaction began.
 */
public final class InMemoryTransactions implements TransactionPort {

    /** Store state a failed transaction puts back. */
    interface Table {
        /** Copies the state now; running the result puts that copy back. */
        Runnable snapshot();
    }

    private final Object lock = new Object();
    private final List<Table> tables = new ArrayList<>();

    void register(Table table) {
        synchronized (lock) {
            tables.add(table);
        }
    }

    <T> T locked(Supplier<T> work) {
        synchronized (lock) {
            return work.get();
        }
    }

    void locked(Runnable work) {
        synchronized (lock) {
            work.run();
        }
    }

    @Override
    public <T> T inTransaction(Supplier<T> work) {
        synchronized (lock) {
            List<Runnable> rollback = tables.stream().map(Table::snapshot).toList();
            try {
                return work.get();
            } catch (RuntimeException e) {
                rollback.forEach(Runnable::run);
                throw e;
            }
        }
    }

    /** A snapshot of one map of a store. */
    static <K, V> Runnable snapshotOf(Map<K, V> map) {
        Map<K, V> copy = new LinkedHashMap<>(map);
        return () -> {
            map.clear();
            map.putAll(copy);
        };
    }

    /** A snapshot of one set of a store. */
    static <E> Runnable snapshotOf(Set<E> set) {
        Set<E> copy = new LinkedHashSet<>(set);
        return () -> {
            set.clear();
            set.addAll(copy);
        };
    }

    /** One snapshot of several. */
    static Runnable all(Collection<Runnable> snapshots) {
        List<Runnable> copy = List.copyOf(snapshots);
        return () -> copy.forEach(Runnable::run);
    }
}
