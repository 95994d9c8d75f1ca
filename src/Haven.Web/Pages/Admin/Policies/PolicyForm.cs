using Haven.Core.Policies;

namespace Haven.Web.Pages.Admin.Policies;

/// <summary>The record editor's form: the jurisdiction typed as its FIPS code (or address), the position chosen in a
/// list grouped by area, sources as links (one a line) and uploaded files.</summary>
public sealed class PolicyForm
{
    public string Jurisdiction { get; set; } = "";
    public int AreaId { get; set; }
    public int PositionId { get; set; }
    public string EffectiveOn { get; set; } = "";
    public string EndsOn { get; set; } = "";
    public PolicyBasis Basis { get; set; }
    public string Excerpt { get; set; } = "";
    public string Notes { get; set; } = "";
    public string VerifiedOn { get; set; } = "";
    public string Links { get; set; } = "";
    public List<IFormFile> Files { get; set; } = [];
    public List<int> RemoveSourceIds { get; set; } = [];

    public static PolicyForm From(PolicyRecord r, string jurisdictionKey) => new()
    {
        Jurisdiction = jurisdictionKey, AreaId = r.AreaId, PositionId = r.PositionId,
        EffectiveOn = PolicyPeriods.Iso(r.EffectiveOn), EndsOn = r.EndsOn is { } e ? PolicyPeriods.Iso(e) : "",
        Basis = r.Basis, Excerpt = r.Excerpt, Notes = r.Notes, VerifiedOn = r.VerifiedOn is { } v ? PolicyPeriods.Iso(v) : "",
        Links = string.Join('\n', r.Sources.Where(s => !s.IsFile).Select(s => s.Title == s.Url ? s.Url : $"{s.Url} {s.Title}")),
    };

    public PolicyRecordFields ToFields(int jurisdictionId) => new()
    {
        JurisdictionId = jurisdictionId, AreaId = AreaId, PositionId = PositionId, EffectiveOn = EffectiveOn, EndsOn = EndsOn,
        Basis = Basis, Excerpt = Excerpt, Notes = Notes, VerifiedOn = VerifiedOn, Links = Links,
    };
}
