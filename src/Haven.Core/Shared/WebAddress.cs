namespace Haven.Core.Shared;

/// <summary>Links to other sites that Haven shows: absolute http or https addresses with a host, nothing else
/// (no "javascript:", no relative paths that would point into Haven).</summary>
public static class WebAddress
{
    public static bool IsValid(string? text) =>
        !string.IsNullOrEmpty(text)
        && !text.Any(c => char.IsWhiteSpace(c) || char.IsControl(c))
        && (text.StartsWith("https://", StringComparison.OrdinalIgnoreCase) || text.StartsWith("http://", StringComparison.OrdinalIgnoreCase))
        && Uri.TryCreate(text, UriKind.Absolute, out var uri)
        && (uri.Scheme == Uri.UriSchemeHttps || uri.Scheme == Uri.UriSchemeHttp)
        && uri.Host.Length > 0;
}
