using Haven.Core.Accounts;
using Haven.Core.Audit;
using Haven.Core.Data;
using Haven.Core.Policies;
using Haven.Core.Shared;
using Haven.Core.Text;
using Microsoft.EntityFrameworkCore;
using NodaTime;

namespace Haven.Core.Bills;

/// <summary>The position form's fields, as typed (the date as YYYY-MM-DD).</summary>
public sealed class BillPositionFields
{
    /// <summary>Null: the coalition as a whole (administrators only).</summary>
    public int? OrganizationId { get; set; }
    public BillStance Stance { get; set; }
    public string Reasons { get; set; } = "";
    public string TakenOn { get; set; } = "";
    public bool IsActionAlert { get; set; }
    public string CallToAction { get; set; } = "";
    public string ActionUrl { get; set; } = "";
}

public sealed record BillPositionEdit
{
    public required Actor Actor { get; init; }
    public required int BillId { get; init; }
    public required BillPositionFields Fields { get; init; }
}

/// <summary>States (or replaces) an organization's position on a bill, or the coalition's, or withdraws it. Editors
/// speak for their own organizations; administrators for any, and for the coalition. Reasons are Markdown, stored
/// with their sanitized HTML; the call to action is plain text. Audited in the same save.</summary>
public sealed class StateBillPosition(HavenDbContext db, IClock clock, AuditLog audit, MarkdownRenderer markdown)
{
    public async Task<Outcome<BillPosition>> RunAsync(BillPositionEdit edit, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(edit);
        var f = edit.Fields;
        var bill = await db.Bills.Include(b => b.Positions).FirstOrDefaultAsync(b => b.Id == edit.BillId, cancellationToken);
        if (bill is null) return Outcome<BillPosition>.Failure(new Problem("not_found", "This bill no longer exists."));
        if (!edit.Actor.CanStateBillPositionFor(f.OrganizationId))
        {
            await audit.WriteNowAsync(edit.Actor, AuditActions.BillEditRefused, "bill", SaveBill.Id(bill.Id), f.OrganizationId,
                "Refused a bill position", cancellationToken: cancellationToken);
            return Outcome<BillPosition>.Failure(new Problem("forbidden", "You can state positions only for your own organizations."));
        }

        var problems = new List<Problem>();
        string? organizationName = null;
        if (f.OrganizationId is { } orgId)
        {
            organizationName = await db.Organizations.Where(o => o.Id == orgId).Select(o => o.Name).FirstOrDefaultAsync(cancellationToken);
            if (organizationName is null) problems.Add(new Problem("unknown_organization", "Choose an organization.", "OrganizationId"));
        }
        if (!Enum.IsDefined(f.Stance)) problems.Add(new Problem("bad_stance", "Choose a position.", "Stance"));
        var reasons = (f.Reasons ?? "").Replace("\r\n", "\n").Trim();
        if (reasons.Length > BillPosition.ReasonsMaxLength)
            problems.Add(new Problem("reasons_too_long", "The reasons can have at most {0} characters.", "Reasons", BillPosition.ReasonsMaxLength));
        if (!PolicyPeriods.TryParse(f.TakenOn, out var takenOn))
            problems.Add(new Problem("bad_taken_on", "Give the date as YYYY-MM-DD.", "TakenOn"));
        var call = UserText.Paragraphs(f.CallToAction, BillPosition.CallToActionMaxLength);
        var actionUrl = (f.ActionUrl ?? "").Trim();
        if (actionUrl.Length > 0 && (!WebAddress.IsValid(actionUrl) || actionUrl.Length > Bill.UrlMaxLength))
            problems.Add(new Problem("bad_action_url", "Give the action link as a web address (https://...).", "ActionUrl"));
        if (f.IsActionAlert && call.Length == 0)
            problems.Add(new Problem("call_required", "An action alert needs a call to action.", "CallToAction"));
        if (problems.Count > 0) return Outcome<BillPosition>.Failure(problems);

        var now = clock.GetCurrentInstant();
        var (position, isNew) = bill.State(f.OrganizationId);
        var before = isNew ? null : AuditView(position);
        position.HolderKey = f.OrganizationId ?? 0;
        position.Stance = f.Stance;
        position.Reasons = reasons;
        position.ReasonsHtml = reasons.Length == 0 ? "" : markdown.ToHtml(reasons);
        position.TakenOn = takenOn ?? now.InUtc().Date;
        position.IsActionAlert = f.IsActionAlert;
        position.CallToAction = f.IsActionAlert ? call : "";
        position.ActionUrl = f.IsActionAlert && actionUrl.Length > 0 ? actionUrl : null;
        position.UpdatedAt = now;
        bill.UpdatedAt = now;
        audit.Add(edit.Actor, AuditActions.BillPositionStated, "bill", SaveBill.Id(bill.Id), f.OrganizationId,
            $"{organizationName ?? "Coalition"}: {f.Stance} on {bill.Number} ({bill.Session})", before, AuditView(position));
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException)
        {
            // The same organization's position was stated at the same moment by someone else: theirs stands.
            db.ChangeTracker.Clear();
            return Outcome<BillPosition>.Failure(new Problem("position_changed", "This organization's position was changed meanwhile: reload and try again."));
        }
        return Outcome<BillPosition>.Success(position);
    }

    /// <summary>Withdraws an organization's (or the coalition's) position.</summary>
    public async Task<Outcome<bool>> WithdrawAsync(Actor actor, int billId, int? organizationId, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(actor);
        var bill = await db.Bills.Include(b => b.Positions).FirstOrDefaultAsync(b => b.Id == billId, cancellationToken);
        if (bill is null) return Outcome<bool>.Failure(new Problem("not_found", "This bill no longer exists."));
        if (!actor.CanStateBillPositionFor(organizationId))
            return Outcome<bool>.Failure(new Problem("forbidden", "You can state positions only for your own organizations."));
        var position = bill.PositionOf(organizationId);
        if (position is null) return Outcome<bool>.Success(false);
        bill.Positions.Remove(position);
        db.BillPositions.Remove(position);
        bill.UpdatedAt = clock.GetCurrentInstant();
        audit.Add(actor, AuditActions.BillPositionWithdrawn, "bill", SaveBill.Id(bill.Id), organizationId,
            $"Position withdrawn on {bill.Number} ({bill.Session})", AuditView(position));
        await db.SaveChangesAsync(cancellationToken);
        return Outcome<bool>.Success(true);
    }

    private static object AuditView(BillPosition p) => new
    {
        p.OrganizationId, Stance = p.Stance.ToString(), p.Reasons, TakenOn = PolicyPeriods.Iso(p.TakenOn), p.IsActionAlert, p.CallToAction, p.ActionUrl,
    };
}
