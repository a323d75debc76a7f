package org.cvote.server.store;

/**
 * The few type names that differ between Derby and PostgreSQL. Migrations are written in
 * portable SQL and use {@code ${BLOB}} / {@code ${CLOB}} where a large value is stored.
 */
public enum Dialect {
    DERBY("BLOB", "CLOB"),
    POSTGRES("BYTEA", "TEXT");

    private final String blob;
    private final String clob;

    Dialect(String blob, String clob) {
        this.blob = blob;
        this.clob = clob;
    }

    public String expand(String sql) {
        return sql.replace("${BLOB}", blob).replace("${CLOB}", clob);
    }
}
