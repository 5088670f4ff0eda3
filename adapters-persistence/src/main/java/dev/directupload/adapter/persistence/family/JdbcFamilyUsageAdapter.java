package dev.directupload.adapter.persistence.family;

import dev.directupload.application.port.out.family.FamilyUsagePort;
import dev.directupload.domain.family.FamilyId;
import jakarta.inject.Singleton;

/** A family's usage in one query (its row's counters plus its pending slots); the quota lock is the family row's ({@code SELECT ... FOR UPDATE}). */
@Singleton
public class JdbcFamilyUsageAdapter implements FamilyUsagePort {

    private final FamilyUsageRepository usage;
    private final FamilyRepository families;

    JdbcFamilyUsageAdapter(FamilyUsageRepository usage, FamilyRepository families) {
        this.usage = usage;
        this.families = families;
    }

    @Override
    public Usage usage(FamilyId family) {
        return usage.usage(family.value())
                .map(row -> new Usage(row.bytes(), row.files()))
                .orElse(new Usage(0, 0));
    }

    @Override
    public Usage lockAndMeasure(FamilyId family) {
        families.lockById(family.value());
        return usage(family);
    }
}
