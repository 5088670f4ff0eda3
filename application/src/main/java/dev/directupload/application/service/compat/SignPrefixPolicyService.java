package dev.directupload.application.service.compat;

import dev.directupload.application.port.in.compat.PrefixPolicy;
import dev.directupload.application.port.in.compat.SignPrefixPolicyUseCase;
import dev.directupload.application.port.out.family.FamilyUsagePort;
import dev.directupload.application.port.out.storage.KeyCondition;
import dev.directupload.application.port.out.storage.SignUploadFormPort;
import dev.directupload.application.port.out.storage.SizeRange;
import dev.directupload.application.port.out.storage.UploadFormRequest;
import dev.directupload.application.service.access.FamilyAccess;
import dev.directupload.application.service.media.UploadSettings;
import dev.directupload.domain.album.AlbumId;
import dev.directupload.domain.family.FamilyId;
import dev.directupload.domain.identity.UserId;
import dev.directupload.domain.shared.ErrorCode;
import dev.directupload.domain.shared.ForbiddenException;
import dev.directupload.domain.storage.KeyPrefix;
import java.util.Set;

/**
 * Signs the article-compatible prefix policy: {@code starts-with} the caller's incoming prefix, 1 byte up to
 * the largest allowed size, no content type pinned (the article's client sends none; {@code /photos}
 * checks the stored type instead).
 */
public final class SignPrefixPolicyService implements SignPrefixPolicyUseCase {

    private final FamilyAccess access;
    private final FamilyUsagePort usage;
    private final SignUploadFormPort signer;
    private final UploadSettings settings;

    public SignPrefixPolicyService(
            FamilyAccess access, FamilyUsagePort usage, SignUploadFormPort signer, UploadSettings settings) {
        this.access = access;
        this.usage = usage;
        this.signer = signer;
        this.settings = settings;
    }

    @Override
    public PrefixPolicy sign(UserId caller, FamilyId family, AlbumId album) {
        access.requireAlbumIn(album, family, caller);
        FamilyUsagePort.Usage used = usage.usage(family);
        if (settings.quota().isReachedBy(used.bytes(), used.files())) {
            throw new ForbiddenException(
                    ErrorCode.QUOTA_EXCEEDED,
                    "this family has reached its storage quota (" + used.bytes() + " bytes, " + used.files()
                            + " files); delete photos to make room");
        }
        KeyPrefix prefix = KeyPrefix.incoming(family, caller);
        var request = new UploadFormRequest(
                family,
                new KeyCondition.Prefix(prefix),
                SizeRange.upTo(settings.rules().largestAllowedSize()),
                Set.of(),
                settings.rules().policyTtl());
        return new PrefixPolicy(prefix, signer.sign(request));
    }
}
