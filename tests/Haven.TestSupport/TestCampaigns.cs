using System.Text.RegularExpressions;
using Haven.Core.Campaigns;
using Haven.Core.Data;
using Microsoft.Extensions.DependencyInjection;
using MimeKit;
using NodaTime;

namespace Haven.TestSupport;

/// <summary>Campaigns written straight through the DbContext (the editor is tested on its own), owned by one test, and
/// the signers' private links read out of their mail.</summary>
public static partial class TestCampaigns
{
    /// <summary>A campaign led by <paramref name="leadIds"/>, open from a day ago for thirty days unless
    /// <paramref name="with"/> changes it.</summary>
    public static async Task<Campaign> CreateCampaignAsync(this HavenFactory site, Some some, int[] leadIds, Action<Campaign>? with = null)
    {
        ArgumentNullException.ThrowIfNull(some);
        ArgumentNullException.ThrowIfNull(leadIds);
        var now = site.Clock.GetCurrentInstant();
        var c = new Campaign
        {
            Slug = some.Slug("letter"),
            Title = $"Open letter {some.Token}",
            Summary = "We ask the county to end its detention contract.",
            Body = "## To the county board\n\nEnd the contract.",
            OpensAt = now - Duration.FromDays(1),
            ClosesAt = now + Duration.FromDays(30),
            CreatedAt = now,
            UpdatedAt = now,
            Leads = leadIds.Select((id, i) => new CampaignLead { OrganizationId = id, Position = i }).ToList(),
        };
        with?.Invoke(c);
        await using var scope = site.Scope();
        var db = scope.ServiceProvider.GetRequiredService<HavenDbContext>();
        db.Campaigns.Add(c);
        await db.SaveChangesAsync();
        return c;
    }

    /// <summary>The tokens of every "/campaigns/{slug}/endorsement/{token}" link in <paramref name="text"/>.</summary>
    public static IReadOnlyList<string> EndorsementTokensIn(string? text) =>
        Link().Matches(text ?? "").Select(m => m.Groups["token"].Value).ToList();

    /// <summary>The path of the first endorsement link in <paramref name="message"/>, without origin.</summary>
    public static string EndorsementPathIn(MimeMessage message)
    {
        ArgumentNullException.ThrowIfNull(message);
        var match = Link().Match(message.TextBody ?? "");
        if (!match.Success) throw new InvalidOperationException($"No endorsement link in \"{message.Subject}\"");
        return new Uri(match.Value).PathAndQuery;
    }

    [GeneratedRegex(@"https?://[^\s/]+(?:/es)?/campaigns/[^\s/]+/endorsement/(?<token>[A-Za-z0-9_-]+)")]
    private static partial Regex Link();
}
