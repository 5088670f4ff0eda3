package dev.directupload.adapter.web.family;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.directupload.application.port.in.family.FamilyDetails;
import dev.directupload.application.port.in.family.FamilyView;
import dev.directupload.domain.family.Invite;
import dev.directupload.domain.family.Membership;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import java.time.Instant;
import java.util.List;
import java.util.Locale;

/** JSON shapes of families, members and invites. */
final class FamilyDtos {

    private FamilyDtos() {}

    /** {@code {"name": "..."}}. */
    @Serdeable
    record NameRequest(@Nullable String name) {}

    /** {@code {"id","name","role"}}. */
    @Serdeable
    record FamilyResponse(String id, String name, String role) {
        static FamilyResponse from(FamilyView view) {
            return new FamilyResponse(
                    view.family().id().value(), view.family().name().value(), wire(view.role()));
        }
    }

    /** {@code {"items": [...]}}. */
    @Serdeable
    @JsonInclude(JsonInclude.Include.ALWAYS)
    record FamilyList(List<FamilyResponse> items) {}

    /** One member. */
    @Serdeable
    record MemberResponse(String userId, String role, Instant joinedAt) {
        static MemberResponse from(Membership m) {
            return new MemberResponse(m.userId().value(), wire(m.role()), m.joinedAt());
        }
    }

    /** A family with its members. */
    @Serdeable
    @JsonInclude(JsonInclude.Include.ALWAYS)
    record FamilyDetailsResponse(
            String id, String name, String role, List<MemberResponse> members, UsageResponse usage) {
        static FamilyDetailsResponse from(FamilyDetails d) {
            return new FamilyDetailsResponse(
                    d.family().id().value(),
                    d.family().name().value(),
                    wire(d.role()),
                    d.members().stream().map(MemberResponse::from).toList(),
                    new UsageResponse(
                            d.usage().bytes(),
                            d.usage().files(),
                            d.usage().maxBytes(),
                            d.usage().maxFiles()));
        }
    }

    /** {@code {"bytes","files","max_bytes","max_files"}}: verified objects plus pending uploads, and the quota. */
    @Serdeable
    record UsageResponse(long bytes, long files, long maxBytes, long maxFiles) {}

    /** {@code {"code","expires_at","max_uses"}}. */
    @Serdeable
    record InviteResponse(String code, Instant expiresAt, int maxUses) {
        static InviteResponse from(Invite invite) {
            return new InviteResponse(invite.code().value(), invite.expiresAt(), invite.maxUses());
        }
    }

    static String wire(Enum<?> value) {
        return value.name().toLowerCase(Locale.ROOT);
    }
}
