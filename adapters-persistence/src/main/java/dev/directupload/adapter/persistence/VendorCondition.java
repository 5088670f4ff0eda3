package dev.directupload.adapter.persistence;

import io.micronaut.context.condition.Condition;
import io.micronaut.context.condition.ConditionContext;
import io.micronaut.core.value.PropertyResolver;

/** Enables a dialect's repository only when the default datasource is of that vendor. */
public abstract class VendorCondition implements Condition {

    private final DatabaseVendor vendor;

    protected VendorCondition(DatabaseVendor vendor) {
        this.vendor = vendor;
    }

    @Override
    public boolean matches(ConditionContext context) {
        if (context.getBeanContext() instanceof PropertyResolver config) {
            return DatabaseVendor.of(config) == vendor;
        }
        return false;
    }

    /** The default datasource is H2. */
    public static final class OnH2 extends VendorCondition {
        public OnH2() {
            super(DatabaseVendor.H2);
        }
    }

    /** The default datasource is PostgreSQL. */
    public static final class OnPostgres extends VendorCondition {
        public OnPostgres() {
            super(DatabaseVendor.POSTGRES);
        }
    }

    /** The default datasource is MySQL or MariaDB. */
    public static final class OnMySql extends VendorCondition {
        public OnMySql() {
            super(DatabaseVendor.MYSQL);
        }
    }
}
