using Haven.Core.Accounts;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Filters;

namespace Haven.Web.Accounts;

/// <summary>Sends an administrator who has not set up two-factor sign-in to do so before any workspace page: an
/// administrator account with a password alone is too valuable a target.</summary>
public sealed class RequireTwoFactorForAdministrators(UserManager<HavenUser> users) : IAsyncPageFilter
{
    public Task OnPageHandlerSelectionAsync(PageHandlerSelectedContext context) => Task.CompletedTask;

    public async Task OnPageHandlerExecutionAsync(PageHandlerExecutingContext context, PageHandlerExecutionDelegate next)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(next);
        var principal = context.HttpContext.User;
        if (principal.IsInRole(Roles.Administrator) && await users.GetUserAsync(principal) is { TwoFactorEnabled: false })
        {
            context.Result = new LocalRedirectResult("~/account/security?required=true");
            return;
        }
        await next();
    }
}
