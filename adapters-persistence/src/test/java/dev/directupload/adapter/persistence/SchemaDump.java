package dev.directupload.adapter.persistence;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The structure of a migrated database as the database itself reports it, one line per fact: tables, columns
 * (type, length, nullability, default, identity, collation), constraints (primary, unique, foreign with their
 * columns and rules, check clauses), indexes (columns, order, uniqueness) and the applied migrations. Lines are
 * ordered by the queries, so two dumps of equal schemas are equal text. Flyway's own history table is left out
 * of the structure; its rows are listed without checksums and times.
 */
final class SchemaDump {

    private SchemaDump() {}

    static List<String> of(DatabaseVendor vendor, Connection connection) throws SQLException {
        List<String> lines = new ArrayList<>();
        for (Map.Entry<String, String> query : queries(vendor).entrySet()) {
            try (Statement statement = connection.createStatement();
                    ResultSet rows = statement.executeQuery(query.getValue())) {
                int columns = rows.getMetaData().getColumnCount();
                while (rows.next()) {
                    StringBuilder line = new StringBuilder(query.getKey()).append(':');
                    for (int i = 1; i <= columns; i++) {
                        line.append(i == 1 ? " " : " | ").append(oneLine(rows.getString(i)));
                    }
                    lines.add(line.toString());
                }
            }
        }
        return lines;
    }

    /** A value on one line: the databases print long check clauses over several. */
    private static String oneLine(String value) {
        return value == null ? "null" : value.strip().replaceAll("\\s+", " ");
    }

    private static Map<String, String> queries(DatabaseVendor vendor) {
        Map<String, String> queries = new LinkedHashMap<>();
        switch (vendor) {
            case H2 -> {
                String mine = "table_schema = 'PUBLIC' AND table_name <> 'flyway_schema_history'";
                queries.put("table", """
                        SELECT table_name, table_type FROM information_schema.tables WHERE %s
                        ORDER BY table_name""".formatted(mine));
                queries.put("column", """
                        SELECT table_name, ordinal_position, column_name, data_type, character_maximum_length,
                          numeric_precision, is_nullable, column_default, is_identity, identity_generation
                        FROM information_schema.columns WHERE %s ORDER BY table_name, ordinal_position""".formatted(mine));
                queries.put("constraint", """
                        SELECT table_name, constraint_name, constraint_type FROM information_schema.table_constraints
                        WHERE %s ORDER BY table_name, constraint_name""".formatted(mine));
                queries.put("key", """
                        SELECT table_name, constraint_name, ordinal_position, column_name, position_in_unique_constraint
                        FROM information_schema.key_column_usage WHERE %s
                        ORDER BY table_name, constraint_name, ordinal_position""".formatted(mine));
                queries.put("reference", """
                        SELECT r.constraint_name, u.table_name, r.unique_constraint_name, r.update_rule, r.delete_rule
                        FROM information_schema.referential_constraints r
                        JOIN information_schema.table_constraints u
                          ON u.constraint_schema = r.unique_constraint_schema
                          AND u.constraint_name = r.unique_constraint_name
                        WHERE r.constraint_schema = 'PUBLIC' ORDER BY r.constraint_name""");
                queries.put("check", """
                        SELECT constraint_name, check_clause FROM information_schema.check_constraints
                        WHERE constraint_schema = 'PUBLIC' ORDER BY constraint_name""");
                queries.put("index", """
                        SELECT table_name, index_name, index_type_name, is_generated FROM information_schema.indexes
                        WHERE %s ORDER BY table_name, index_name""".formatted(mine));
                queries.put("index column", """
                        SELECT table_name, index_name, ordinal_position, column_name, ordering_specification,
                          null_ordering, is_unique
                        FROM information_schema.index_columns WHERE %s
                        ORDER BY table_name, index_name, ordinal_position""".formatted(mine));
                queries.put("migration", """
                        SELECT "version", "description", "type", "script", "success" FROM "flyway_schema_history"
                        ORDER BY "installed_rank"
                        """);
            }
            case POSTGRES -> {
                String mine = "table_schema = current_schema() AND table_name <> 'flyway_schema_history'";
                queries.put("table", """
                        SELECT table_name, table_type FROM information_schema.tables WHERE %s
                        ORDER BY table_name""".formatted(mine));
                queries.put("column", """
                        SELECT table_name, ordinal_position, column_name, data_type, character_maximum_length,
                          numeric_precision, is_nullable, column_default, is_identity, identity_generation,
                          collation_name
                        FROM information_schema.columns WHERE %s ORDER BY table_name, ordinal_position""".formatted(mine));
                queries.put("constraint", """
                        SELECT conrelid::regclass::text AS table_name, conname, contype,
                          pg_get_constraintdef(oid, true), condeferrable
                        FROM pg_constraint
                        WHERE connamespace = current_schema()::regnamespace
                          AND conrelid::regclass::text <> 'flyway_schema_history'
                        ORDER BY 1, 2""");
                queries.put("index", """
                        SELECT tablename, indexname, replace(indexdef, current_schema() || '.', '')
                        FROM pg_indexes WHERE schemaname = current_schema() AND tablename <> 'flyway_schema_history'
                        ORDER BY tablename, indexname""");
                queries.put("migration", """
                        SELECT version, description, type, script, success FROM flyway_schema_history
                        ORDER BY installed_rank""");
            }
            case MYSQL -> {
                String mine = "table_schema = DATABASE() AND table_name <> 'flyway_schema_history'";
                queries.put("table", """
                        SELECT table_name, table_type, engine, table_collation, create_options
                        FROM information_schema.tables WHERE %s ORDER BY table_name""".formatted(mine));
                queries.put("column", """
                        SELECT table_name, ordinal_position, column_name, column_type, is_nullable, column_default,
                          extra, character_set_name, collation_name
                        FROM information_schema.columns WHERE %s ORDER BY table_name, ordinal_position""".formatted(mine));
                queries.put("constraint", """
                        SELECT table_name, constraint_name, constraint_type FROM information_schema.table_constraints
                        WHERE %s ORDER BY table_name, constraint_name""".formatted(mine));
                queries.put("key", """
                        SELECT table_name, constraint_name, ordinal_position, column_name, referenced_table_name,
                          referenced_column_name
                        FROM information_schema.key_column_usage WHERE %s
                        ORDER BY table_name, constraint_name, ordinal_position""".formatted(mine));
                queries.put("reference", """
                        SELECT table_name, constraint_name, referenced_table_name, unique_constraint_name,
                          update_rule, delete_rule
                        FROM information_schema.referential_constraints WHERE constraint_schema = DATABASE()
                        ORDER BY table_name, constraint_name""");
                queries.put("check", """
                        SELECT table_name, constraint_name, check_clause FROM information_schema.check_constraints
                        WHERE constraint_schema = DATABASE() ORDER BY table_name, constraint_name""");
                queries.put("index", """
                        SELECT table_name, index_name, non_unique, seq_in_index, column_name, collation, sub_part,
                          index_type
                        FROM information_schema.statistics WHERE %s
                        ORDER BY table_name, index_name, seq_in_index""".formatted(mine));
                queries.put("migration", """
                        SELECT version, description, type, script, success FROM flyway_schema_history
                        ORDER BY installed_rank""");
            }
        }
        return queries;
    }
}
