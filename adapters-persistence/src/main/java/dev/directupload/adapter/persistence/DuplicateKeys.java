package dev.directupload.adapter.persistence;

import java.sql.SQLException;

/** Recognises a unique-constraint violation in a JDBC failure, whatever wraps it. */
public final class DuplicateKeys {

    private static final int MYSQL_DUPLICATE_ENTRY = 1062;

    private DuplicateKeys() {}

    /**
     * Runs a duplicate-tolerant insert: a unique-constraint violation (an H2 race the MERGE did not absorb) is
     * swallowed, since the caller re-reads the row that holds the identity; any other failure propagates.
     */
    public static void ignoringDuplicate(Runnable insert) {
        try {
            insert.run();
        } catch (RuntimeException e) {
            if (!isDuplicateKey(e)) {
                throw e;
            }
        }
    }

    /** True when {@code failure} was caused by a duplicate key (SQLState 23505, or MySQL/MariaDB error 1062). */
    public static boolean isDuplicateKey(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof SQLException sql
                    && ("23505".equals(sql.getSQLState()) || sql.getErrorCode() == MYSQL_DUPLICATE_ENTRY)) {
                return true;
            }
        }
        return false;
    }
}
