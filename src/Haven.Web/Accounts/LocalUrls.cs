using Microsoft.AspNetCore.Mvc;

namespace Haven.Web.Accounts;

public static class LocalUrls
{
    /// <summary>The URL if it stays on this site, else empty: a returnUrl never sends anyone elsewhere.</summary>
    public static string OrEmpty(IUrlHelper url, string? candidate) =>
        !string.IsNullOrEmpty(candidate) && url.IsLocalUrl(candidate) ? candidate : "";
}
