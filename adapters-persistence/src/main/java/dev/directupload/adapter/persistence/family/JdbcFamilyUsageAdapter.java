package dev.directupload.adapter.persistence.family;

import dev.directupload.application.port.out.family.FamilyUsagePort;
import dev.directupload.domain.family.FamilyId;
import jakarta.inject.Singleton;

/** A family's usage in one query; the quota lock is the family row's ({@code SELECT ... FOR UPDATE}). */
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
        FamilyUsageRow row = usage.usage(family.value());
        return new Usage(row.bytes(), row.files());
    }

    @Override
    public Usage lockAndMeasure(FamilyId family) {
        families.lockById(family.value());
        return usage(family);
    }
}
