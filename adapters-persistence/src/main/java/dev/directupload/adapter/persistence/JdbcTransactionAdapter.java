package dev.directupload.adapter.persistence;

import dev.directupload.application.port.out.TransactionPort;
import io.micronaut.transaction.TransactionOperations;
import jakarta.inject.Singleton;
import java.sql.Connection;
import java.util.function.Supplier;

/**
 * Runs work in one JDBC transaction of the default datasource (joining one already open): it commits when the
 * work returns and rolls back when it throws. Adapter calls inside the work share its connection.
 */
@Singleton
public class JdbcTransactionAdapter implements TransactionPort {

    private final TransactionOperations<Connection> transactions;

    JdbcTransactionAdapter(TransactionOperations<Connection> transactions) {
        this.transactions = transactions;
    }

    @Override
    public <T> T inTransaction(Supplier<T> work) {
        return transactions.executeWrite(status -> work.get());
    }
}
