package dev.directupload.adapter.web.family;

import dev.directupload.adapter.web.auth.Caller;
import dev.directupload.adapter.web.family.FamilyDtos.FamilyDetailsResponse;
import dev.directupload.adapter.web.family.FamilyDtos.FamilyList;
import dev.directupload.adapter.web.family.FamilyDtos.FamilyResponse;
import dev.directupload.adapter.web.family.FamilyDtos.InviteResponse;
import dev.directupload.adapter.web.family.FamilyDtos.NameRequest;
import dev.directupload.adapter.web.request.PathIds;
import dev.directupload.application.port.in.family.AcceptInviteUseCase;
import dev.directupload.application.port.in.family.CreateFamilyUseCase;
import dev.directupload.application.port.in.family.CreateInviteUseCase;
import dev.directupload.application.port.in.family.GetFamilyUseCase;
import dev.directupload.application.port.in.family.ListFamiliesUseCase;
import dev.directupload.application.port.in.family.RemoveMemberUseCase;
import dev.directupload.domain.family.InviteCode;
import dev.directupload.domain.shared.DisplayName;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Delete;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.Post;
import io.micronaut.http.annotation.Status;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.security.annotation.Secured;
import io.micronaut.security.authentication.Authentication;
import io.micronaut.security.rules.SecurityRule;

/** Families, their members and invites. */
@Controller
@Secured(SecurityRule.IS_AUTHENTICATED)
@ExecuteOn(TaskExecutors.BLOCKING)
final class FamilyController {

    private final CreateFamilyUseCase createFamily;
    private final ListFamiliesUseCase listFamilies;
    private final GetFamilyUseCase getFamily;
    private final CreateInviteUseCase createInvite;
    private final AcceptInviteUseCase acceptInvite;
    private final RemoveMemberUseCase removeMember;

    FamilyController(
            CreateFamilyUseCase createFamily,
            ListFamiliesUseCase listFamilies,
            GetFamilyUseCase getFamily,
            CreateInviteUseCase createInvite,
            AcceptInviteUseCase acceptInvite,
            RemoveMemberUseCase removeMember) {
        this.createFamily = createFamily;
        this.listFamilies = listFamilies;
        this.getFamily = getFamily;
        this.createInvite = createInvite;
        this.acceptInvite = acceptInvite;
        this.removeMember = removeMember;
    }

    @Post("/families")
    @Status(HttpStatus.CREATED)
    FamilyResponse create(Authentication auth, @Body NameRequest body) {
        return FamilyResponse.from(createFamily.create(Caller.of(auth), new DisplayName(body.name())));
    }

    @Get("/families")
    FamilyList list(Authentication auth) {
        return new FamilyList(listFamilies.list(Caller.of(auth)).stream()
                .map(FamilyResponse::from)
                .toList());
    }

    @Get("/families/{familyId}")
    FamilyDetailsResponse get(Authentication auth, String familyId) {
        return FamilyDetailsResponse.from(getFamily.get(Caller.of(auth), PathIds.family(familyId)));
    }

    @Post("/families/{familyId}/invites")
    @Status(HttpStatus.CREATED)
    InviteResponse invite(Authentication auth, String familyId) {
        return InviteResponse.from(createInvite.create(Caller.of(auth), PathIds.family(familyId)));
    }

    @Post("/invites/{code}/accept")
    FamilyResponse accept(Authentication auth, String code) {
        return FamilyResponse.from(acceptInvite.accept(Caller.of(auth), new InviteCode(code)));
    }

    @Delete("/families/{familyId}/members/{userId}")
    HttpResponse<Void> removeMember(Authentication auth, String familyId, String userId) {
        removeMember.remove(Caller.of(auth), PathIds.family(familyId), PathIds.member(userId));
        return HttpResponse.noContent();
    }
}
