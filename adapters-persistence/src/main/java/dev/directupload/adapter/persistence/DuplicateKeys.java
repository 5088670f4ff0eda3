package dev.directupload.adapter.persistence;

import java.sql.SQLException;

/** Recognises a unique-constraint violation in a JDBC failure, whatever wraps it. */
public final class DuplicateKeys {

    private static final int MYSQL_DUPLICATE_ENTRY = 1062;

    private DuplicateKeys() {
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
