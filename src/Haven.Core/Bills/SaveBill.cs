using System.Globalization;
using Haven.Core.Accounts;
using Haven.Core.Audit;
using Haven.Core.Data;
using Haven.Core.Shared;
using Haven.Core.Taxonomy;
using Haven.Core.Text;
using Microsoft.EntityFrameworkCore;
using NodaTime;

namespace Haven.Core.Bills;

/// <summary>The bill editor's fields, as typed.</summary>
public sealed class BillFields
{
    public int JurisdictionId { get; set; }
    public BillChamber Chamber { get; set; }
    public string ChamberName { get; set; } = "";
    public string Number { get; set; } = "";
    public string Title { get; set; } = "";
    public string Session { get; set; } = "";
    public string Status { get; set; } = "";
    public string OfficialUrl { get; set; } = "";
    /// <summary>Empty: made from the number and session.</summary>
    public string Slug { get; set; } = "";
    /// <summary>For a new bill added by an editor: which of their organizations adds it (the owner).</summary>
    public int? OwnerOrganizationId { get; set; }
}

public sealed record BillEdit
{
    public required Actor Actor { get; init; }
    /// <summary>Null to add a bill.</summary>
    public int? BillId { get; init; }
    public required BillFields Fields { get; init; }
    public bool IsDemo { get; init; }
}

/// <summary>Adds or changes a bill: editors of any organization add bills (their organization owns them) and change
/// their own organization's; administrators change any. Every text field is stored as plain text; the number is
/// unique (normalized) per jurisdiction and session; the change is audited in the same save.</summary>
public sealed class SaveBill(HavenDbContext db, IClock clock, AuditLog audit)
{
    public async Task<Outcome<Bill>> RunAsync(BillEdit edit, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(edit);
        var actor = edit.Actor;
        Bill? bill = null;
        if (edit.BillId is { } id)
        {
            bill = await db.Bills.FirstOrDefaultAsync(b => b.Id == id, cancellationToken);
            if (bill is null) return Outcome<Bill>.Failure(new Problem("not_found", "This bill no longer exists."));
        }
        if (bill is null ? !actor.CanAddBills : !actor.CanEdit(bill))
        {
            await audit.WriteNowAsync(actor, AuditActions.BillEditRefused, "bill", bill is null ? "new" : Id(bill.Id), bill?.OwnerOrganizationId,
                "Refused a bill edit", cancellationToken: cancellationToken);
            return Outcome<Bill>.Failure(new Problem("forbidden", "Only administrators and organizations' editors can add bills, and only the adding organization's editors can change one."));
        }

        var f = edit.Fields;
        var problems = new List<Problem>();
        var number = UserText.Line(f.Number, Bill.NumberMaxLength);
        var title = UserText.Line(f.Title, Bill.TitleMaxLength);
        var session = UserText.Line(f.Session, Bill.SessionMaxLength);
        var status = UserText.Line(f.Status, Bill.StatusMaxLength);
        var chamberName = UserText.Line(f.ChamberName, Bill.ChamberNameMaxLength);
        var url = (f.OfficialUrl ?? "").Trim();
        var slug = (f.Slug ?? "").Trim();

        var jurisdiction = await db.Jurisdictions.AsNoTracking().FirstOrDefaultAsync(j => j.Id == f.JurisdictionId, cancellationToken);
        if (jurisdiction is null || jurisdiction.Kind is not (JurisdictionKind.Nation or JurisdictionKind.State))
            problems.Add(new Problem("unknown_jurisdiction", "Choose the United States (Congress) or a state.", "JurisdictionId"));
        if (!Enum.IsDefined(f.Chamber)) problems.Add(new Problem("bad_chamber", "Choose a chamber.", "Chamber"));
        if (number.Length == 0) problems.Add(new Problem("number_required", "Give the bill's number, as the legislature writes it.", "Number"));
        else if (!BillNumbers.LooksLikeNumber(number)) problems.Add(new Problem("bad_number", "A bill number has digits, like \"H.R. 2\" or \"SB 54\".", "Number"));
        if (title.Length == 0) problems.Add(new Problem("title_required", "Give the bill's title.", "Title"));
        if (session.Length == 0) problems.Add(new Problem("session_required", "Give the session, like \"119th Congress\" or \"2025-2026\".", "Session"));
        if (url.Length > 0 && (!WebAddress.IsValid(url) || url.Length > Bill.UrlMaxLength))
            problems.Add(new Problem("bad_url", "Give the official page as a web address (https://...).", "OfficialUrl"));
        if (slug.Length > 0 && UniqueSlug.Check(slug, "bill") is { } slugProblem) problems.Add(slugProblem);

        int? owner = bill?.OwnerOrganizationId;
        if (bill is null && !actor.IsAdministrator)
        {
            owner = f.OwnerOrganizationId is { } o && actor.Memberships.ContainsKey(o) ? o
                : actor.Memberships.Count == 1 ? actor.Memberships.Keys.First() : null;
            if (owner is null) problems.Add(new Problem("choose_organization", "Choose which of your organizations adds the bill.", "OwnerOrganizationId"));
        }
        else if (bill is null && f.OwnerOrganizationId is { } chosen)
        {
            owner = chosen;
        }

        var numberKey = BillNumbers.Key(number);
        var sessionKey = BillNumbers.SessionKey(session);
        if (jurisdiction is not null && numberKey.Length > 0 && sessionKey.Length > 0 &&
            await db.Bills.AnyAsync(b => b.JurisdictionId == jurisdiction.Id && b.SessionKey == sessionKey && b.NumberKey == numberKey
                && b.Id != (bill == null ? 0 : bill.Id), cancellationToken))
            problems.Add(new Problem("duplicate_bill", "This bill is already listed for this jurisdiction and session.", "Number"));

        string? chosenSlug = null;
        if (problems.Count == 0)
        {
            var others = db.Bills.Where(b => b.Id != (bill == null ? 0 : bill.Id)).Select(b => b.Slug);
            if (slug.Length == 0 && bill is not null) slug = bill.Slug;
            var name = $"{(jurisdiction!.StateCode ?? "us")} {number} {session}";
            chosenSlug = await UniqueSlug.ChooseAsync(slug, name, "bill", others,
                new Problem("slug_taken", "Another bill already uses this address.", "Slug"), problems, cancellationToken);
        }
        if (problems.Count > 0) return Outcome<Bill>.Failure(problems);

        var now = clock.GetCurrentInstant();
        var before = bill is null ? null : AuditView(bill);
        var isNew = bill is null;
        bill ??= new Bill { CreatedAt = now, IsDemo = edit.IsDemo, OwnerOrganizationId = owner };
        if (isNew) db.Bills.Add(bill);
        bill.JurisdictionId = jurisdiction!.Id;
        bill.Chamber = f.Chamber;
        bill.ChamberName = chamberName;
        bill.Number = number;
        bill.NumberKey = numberKey;
        bill.Title = title;
        bill.Session = session;
        bill.SessionKey = sessionKey;
        bill.Status = status;
        bill.OfficialUrl = url.Length == 0 ? null : url;
        bill.Slug = chosenSlug!;
        bill.UpdatedAt = now;
        try
        {
            await db.SaveChangesAsync(cancellationToken);
            audit.Add(actor, isNew ? AuditActions.BillCreated : AuditActions.BillSaved, "bill", Id(bill.Id), bill.OwnerOrganizationId,
                $"{bill.Number} ({bill.Session}), {jurisdiction.Name}: {bill.Title}", before, AuditView(bill));
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException)
        {
            // Another editor added the same bill (or took the address) between the check and the save.
            db.ChangeTracker.Clear();
            return Outcome<Bill>.Failure(new Problem("duplicate_bill", "This bill is already listed for this jurisdiction and session.", "Number"));
        }
        return Outcome<Bill>.Success(bill);
    }

    internal static object AuditView(Bill b) => new
    {
        b.JurisdictionId, Chamber = b.Chamber.ToString(), b.ChamberName, b.Number, b.Title, b.Session, b.Status, b.OfficialUrl, b.Slug,
    };

    internal static string Id(int id) => id.ToString(CultureInfo.InvariantCulture);
}
