using NodaTime;

namespace Haven.Core.Campaigns;

/// <summary>One signature on a campaign, by an organization (through the person signing for it) or by an individual.
/// It counts only once its email is confirmed by the mailed link; then it is public at once or after a lead approves
/// it (see <see cref="Campaign.Review"/>). <see cref="SignatureKey"/> and <see cref="OrganizationDomain"/> carry the
/// one-signature-per-organization rule as unique indexes; they are cleared when a signature stops counting (withdrawn,
/// or unconfirmed past <see cref="SignatureRules.UnconfirmedLifetime"/> and replaced), so the organization may sign
/// again.</summary>
public sealed class Endorsement
{
    public const int NameMaxLength = 200;
    public const int RoleMaxLength = 120;
    public const int CityMaxLength = 100;
    public const int EmailMaxLength = 320;

    public int Id { get; set; }
    public int CampaignId { get; set; }
    public EndorsementKind Kind { get; set; }
    /// <summary>The organization as it signed (empty for an individual).</summary>
    public string OrganizationName { get; set; } = "";
    public string City { get; set; } = "";
    /// <summary>Two-letter postal code.</summary>
    public string State { get; set; } = "";
    public required string SignerName { get; set; }
    /// <summary>The signer's role or title in the organization (for individuals, optional affiliation).</summary>
    public string SignerRole { get; set; } = "";
    public required string Email { get; set; }
    public required string NormalizedEmail { get; set; }
    /// <summary>The signer confirmed they may sign for the organization.</summary>
    public bool MaySignForOrganization { get; set; }
    /// <summary>The language mail to the signer is written in.</summary>
    public string Language { get; set; } = "en";
    public EndorsementStatus Status { get; set; }
    /// <summary>"org:" and the normalized organization name, or "person:" and the normalized email; null once the
    /// signature no longer counts.</summary>
    public string? SignatureKey { get; set; }
    /// <summary>An organization's email domain unless it is free mail; null for individuals and once the signature no
    /// longer counts.</summary>
    public string? OrganizationDomain { get; set; }
    public List<EndorsementLink> Links { get; set; } = [];
    public Instant CreatedAt { get; set; }
    public Instant? ConfirmedAt { get; set; }
    public Instant? ApprovedAt { get; set; }
    public Instant? DeclinedAt { get; set; }
    public Instant? WithdrawnAt { get; set; }
    public Instant UpdatedAt { get; set; }

    /// <summary>Shown in the public list and counted.</summary>
    public bool IsPublic => Status == EndorsementStatus.Approved;

    /// <summary>The name the public list shows: the organization, or the individual.</summary>
    public string DisplayName => Kind == EndorsementKind.Organization ? OrganizationName : SignerName;

    /// <summary>Confirms the email: public at once, or waiting for a lead. False when there was nothing to confirm.</summary>
    public bool Confirm(EndorsementReview review, Instant now)
    {
        if (Status != EndorsementStatus.Unconfirmed) return false;
        ConfirmedAt = now;
        Status = review == EndorsementReview.ConfirmationOnly ? EndorsementStatus.Approved : EndorsementStatus.Pending;
        if (Status == EndorsementStatus.Approved) ApprovedAt = now;
        UpdatedAt = now;
        return true;
    }

    /// <summary>A lead approves a confirmed signature (pending, or declined before). False when it cannot be.</summary>
    public bool Approve(Instant now)
    {
        if (Status is not (EndorsementStatus.Pending or EndorsementStatus.Declined)) return false;
        Status = EndorsementStatus.Approved;
        ApprovedAt = now;
        DeclinedAt = null;
        UpdatedAt = now;
        return true;
    }

    /// <summary>A lead declines a confirmed signature (pending, or approved before). False when it cannot be.</summary>
    public bool Decline(Instant now)
    {
        if (Status is not (EndorsementStatus.Pending or EndorsementStatus.Approved)) return false;
        Status = EndorsementStatus.Declined;
        DeclinedAt = now;
        UpdatedAt = now;
        return true;
    }

    /// <summary>The signer withdraws: the signature stops counting and frees the organization to sign again. False when
    /// it was already withdrawn.</summary>
    public bool Withdraw(Instant now)
    {
        if (Status == EndorsementStatus.Withdrawn) return false;
        Status = EndorsementStatus.Withdrawn;
        WithdrawnAt = now;
        UpdatedAt = now;
        Release();
        return true;
    }

    /// <summary>Whether this signature still stops another from the same organization (or email): everything but a
    /// withdrawn one, and an unconfirmed one older than <see cref="SignatureRules.UnconfirmedLifetime"/>.</summary>
    public bool Blocks(Instant now) => Status switch
    {
        EndorsementStatus.Withdrawn => false,
        EndorsementStatus.Unconfirmed => now - CreatedAt < SignatureRules.UnconfirmedLifetime,
        _ => true,
    };

    /// <summary>Frees the keys of the one-signature rule.</summary>
    public void Release()
    {
        SignatureKey = null;
        OrganizationDomain = null;
    }
}

/// <summary>A secret link to one endorsement's private page: only the token's SHA-256 is stored.</summary>
public sealed class EndorsementLink
{
    public int Id { get; set; }
    public int EndorsementId { get; set; }
    public required string TokenHash { get; set; }
    public Instant CreatedAt { get; set; }

    /// <summary>A new link for <paramref name="endorsement"/> (written with the caller's next save); returns the token.</summary>
    public static string AddTo(Endorsement endorsement, Instant now)
    {
        ArgumentNullException.ThrowIfNull(endorsement);
        var token = Shared.SecretTokens.New();
        endorsement.Links.Add(new EndorsementLink { TokenHash = Shared.SecretTokens.Hash(token), CreatedAt = now });
        return token;
    }

    public static bool IsWellFormed(string? token) => Events.RegistrationLink.IsWellFormed(token);
}

/// <summary>Stored values; never renumber.</summary>
public enum EndorsementKind
{
    Organization = 0,
    Individual = 1,
}

/// <summary>Stored values; never renumber.</summary>
public enum EndorsementStatus
{
    /// <summary>Signed; the email is not confirmed yet, so it does not count.</summary>
    Unconfirmed = 0,
    /// <summary>Confirmed; waiting for a lead's approval.</summary>
    Pending = 1,
    Approved = 2,
    Declined = 3,
    Withdrawn = 4,
}
