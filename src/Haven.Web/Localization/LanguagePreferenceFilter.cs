using Haven.Core.Shared;
using Microsoft.AspNetCore.Mvc.Filters;
using Microsoft.AspNetCore.Mvc;

namespace Haven.Web.Localization;

/// <summary>Remembers a reader's choice of Spanish: an English page opened from a shared link or a search engine
/// is redirected to its Spanish twin when the reader chose Spanish with the language switch.</summary>
public sealed class LanguagePreferenceFilter : IAsyncPageFilter
{
    public Task OnPageHandlerSelectionAsync(PageHandlerSelectedContext context) => Task.CompletedTask;

    public async Task OnPageHandlerExecutionAsync(PageHandlerExecutingContext context, PageHandlerExecutionDelegate next)
    {
        var request = context.HttpContext.Request;
        if (context.HandlerInstance is not Pages.LanguageModel
            && HttpMethods.IsGet(request.Method)
            && InterfaceLanguage.Current == Languages.English
            && request.Cookies[InterfaceLanguage.CookieName] == Languages.Spanish)
        {
            context.Result = new RedirectResult(InterfaceLanguage.UrlIn(Languages.Spanish, request));
            return;
        }
        await next();
    }
}
