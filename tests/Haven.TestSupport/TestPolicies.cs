using Haven.Core.Accounts;
using Haven.Core.Data;
using Haven.Core.Policies;
using Haven.Core.Taxonomy;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Haven.TestSupport;

/// <summary>Arranges policy data through the real use cases: places with FIPS codes no real place has (9xxxx, unique
/// in the process), areas of a test's own, and records.</summary>
public static class TestPolicies
{
    private static int _nextFips = 90000;

    /// <summary>A county with a fresh FIPS code, in <paramref name="stateCode"/>.</summary>
    public static async Task<Jurisdiction> CreateCountyAsync(this HavenFactory site, Some some, string name = "County", string stateCode = "ZZ")
    {
        var fips = Interlocked.Increment(ref _nextFips).ToString(System.Globalization.CultureInfo.InvariantCulture);
        var county = new Jurisdiction { Slug = some.Slug($"county-{fips}"), Name = $"{name} {some.Token}", Kind = JurisdictionKind.County, Fips = fips, StateCode = stateCode };
        await site.WithDbAsync(async db =>
        {
            db.Jurisdictions.Add(county);
            return await db.SaveChangesAsync();
        });
        return county;
    }

    /// <summary>An area of the test's own (slug "area-{token}") with the positions given, in that order.</summary>
    public static async Task<PolicyArea> CreateAreaAsync(this HavenFactory site, Some some, params string[] positions)
    {
        await using var scope = site.Scope();
        var outcome = await scope.ServiceProvider.GetRequiredService<SavePolicyArea>().RunAsync(Actor.System("test"), null, new PolicyAreaFields
        {
            Name = $"Area {some.Token}", Slug = some.Slug("area"),
            Positions = (positions.Length == 0 ? ["protective", "middle", "harsh"] : positions)
                .Select((p, i) => new PolicyPositionFields { Label = p, Slug = p, Order = i }).ToList(),
        });
        return outcome.Succeeded ? outcome.Value! : throw new InvalidOperationException(string.Join("; ", outcome.Problems));
    }

    public static async Task<PolicyRecord> SaveAsync(HavenFactory site, int jurisdictionId, string areaSlug, string positionSlug, string effective,
        string end = "", (string Name, byte[] Bytes)? file = null, string links = "", Actor? actor = null)
    {
        await using var scope = site.Scope();
        var db = scope.ServiceProvider.GetRequiredService<HavenDbContext>();
        var area = await db.PolicyAreas.AsNoTracking().Include(a => a.Positions).FirstAsync(a => a.Slug == areaSlug);
        var outcome = await scope.ServiceProvider.GetRequiredService<SavePolicyRecord>().RunAsync(new PolicyRecordEdit
        {
            Actor = actor ?? Actor.System("test"),
            Fields = new PolicyRecordFields
            {
                JurisdictionId = jurisdictionId, AreaId = area.Id, PositionId = area.Positions.Single(p => p.Slug == positionSlug).Id,
                EffectiveOn = effective, EndsOn = end, Links = links,
            },
            Files = file is { } f ? [new PolicyUpload(f.Name, new MemoryStream(f.Bytes))] : [],
        });
        return outcome.Succeeded ? outcome.Value! : throw new InvalidOperationException(string.Join("; ", outcome.Problems));
    }
}
