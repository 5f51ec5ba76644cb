using Microsoft.AspNetCore.Authorization;

namespace NewsApi.Access;

/// <summary>Deleting to the trash is content work; deleting for good (<c>?permanent=true</c>) is an admin's.</summary>
public sealed class DeleteRequirement : IAuthorizationRequirement;

public sealed class DeleteRequirementHandler : AuthorizationHandler<DeleteRequirement>
{
    protected override Task HandleRequirementAsync(AuthorizationHandlerContext context, DeleteRequirement requirement)
    {
        var permanent = context.Resource is HttpContext http
                        && bool.TryParse(http.Request.Query["permanent"].ToString(), out var value) && value;
        if (context.User.HasClaim(Scopes.ClaimType, permanent ? Scopes.Admin : Scopes.ContentWrite))
        {
            context.Succeed(requirement);
        }
        return Task.CompletedTask;
    }
}
