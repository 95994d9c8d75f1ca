using System.Security.Cryptography;
using System.Text;

namespace Haven.Core.Shared;

/// <summary>Secrets mailed in links (invitations, private registration pages): 32 random bytes, URL-safe, of which
/// only the SHA-256 is stored, so a copy of the database opens nothing.</summary>
public static class SecretTokens
{
    public static string New() => Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)).TrimEnd('=').Replace('+', '-').Replace('/', '_');

    public static string Hash(string token) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(token)));
}
