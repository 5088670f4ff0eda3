package dev.directupload.application.port.out;

import java.util.function.Supplier;

/** Runs work atomically: all of its writes commit together or none do. */
public interface TransactionPort {

    <T> T inTransaction(Supplier<T> work);
}
