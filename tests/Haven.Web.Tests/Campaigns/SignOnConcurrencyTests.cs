using AwesomeAssertions;
using Haven.Core.Campaigns;
using Haven.TestSupport;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Haven.Web.Tests.Campaigns;

/// <summary>The one-signature rule under load, on the real databases: many people signing for one organization at the
/// same moment (its name written in different ways, from different addresses at its domain) end as exactly one
/// signature, every other attempt told the organization has signed, none failing with an error.</summary>
public abstract class SignOnConcurrencyTests(HavenFactory site)
{
    private const int Attempts = 24;

    private async Task<(int Signed, int Refused, int Failed)> SignAllAsync(int campaignId, Func<int, SignOnRequest> request)
    {
        using var start = new SemaphoreSlim(0, Attempts);
        int signed = 0, refused = 0, failed = 0;
        var tasks = Enumerable.Range(0, Attempts).Select(async i =>
        {
            await using var scope = site.Scope();
            var sign = scope.ServiceProvider.GetRequiredService<SignCampaign>();
            await start.WaitAsync();
            try
            {
                var outcome = await sign.RunAsync(request(i));
                if (outcome.Succeeded) Interlocked.Increment(ref signed);
                else if (outcome.Problems.Any(p => p.Code == "already_signed")) Interlocked.Increment(ref refused);
                else Interlocked.Increment(ref failed);
            }
            catch (Exception ex) when (ex is DbUpdateException or InvalidOperationException)
            {
                Interlocked.Increment(ref failed);
            }
        }).ToList();
        start.Release(Attempts);
        await Task.WhenAll(tasks);
        return (signed, refused, failed);
    }

    [Fact]
    public async Task Simultaneous_sign_ons_of_one_organization_yield_one_signature()
    {
        var t = await site.CreateTaxonomyAsync();
        var campaign = await site.CreateCampaignAsync(t.Some, [t.Organization.Id]);
        string[] spellings = [$"The Sanctuary Network {t.Some.Token}, Inc.", $"sanctuary network {t.Some.Token}", $"Sanctuary  Network {t.Some.Token} LLC"];

        var (signed, refused, failed) = await SignAllAsync(campaign.Id, i => new SignOnRequest
        {
            CampaignId = campaign.Id, OrganizationName = spellings[i % spellings.Length], City = "Chicago", State = "IL",
            SignerName = $"Signer {i}", SignerRole = "Staff", Email = $"signer{i}@gmail.com", MaySignForOrganization = true,
        });

        (signed, refused, failed).Should().Be((1, Attempts - 1, 0));
        var rows = await site.WithDbAsync(db => db.Endorsements.AsNoTracking().CountAsync(e => e.CampaignId == campaign.Id));
        rows.Should().Be(1);
    }

    [Fact]
    public async Task Simultaneous_sign_ons_from_one_organizations_domain_under_different_names_yield_one_signature()
    {
        var t = await site.CreateTaxonomyAsync();
        var campaign = await site.CreateCampaignAsync(t.Some, [t.Organization.Id]);

        var (signed, refused, failed) = await SignAllAsync(campaign.Id, i => new SignOnRequest
        {
            CampaignId = campaign.Id, OrganizationName = $"Name {i} {t.Some.Token}", City = "Chicago", State = "IL",
            SignerName = $"Signer {i}", SignerRole = "Staff", Email = $"signer{i}@org-{t.Some.Token}.example.org", MaySignForOrganization = true,
        });

        (signed, refused, failed).Should().Be((1, Attempts - 1, 0));
    }
}

public sealed class SignOnConcurrencyOnSqlite(SqliteSite site) : SignOnConcurrencyTests(site), IClassFixture<SqliteSite>;

public sealed class SignOnConcurrencyOnPostgres(PostgresSite site) : SignOnConcurrencyTests(site), IClassFixture<PostgresSite>;
