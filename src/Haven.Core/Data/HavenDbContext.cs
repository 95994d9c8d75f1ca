using Haven.Core.Accounts;
using Haven.Core.Audit;
using Haven.Core.Campaigns;
using Haven.Core.Bills;
using Haven.Core.Comments;
using Haven.Core.Events;
using Haven.Core.Mail;
using Haven.Core.People;
using Haven.Core.Policies;
using Haven.Core.Organizations;
using Haven.Core.Resources;
using Haven.Core.Search;
using Haven.Core.Taxonomy;
using Microsoft.AspNetCore.DataProtection.EntityFrameworkCore;
using Microsoft.AspNetCore.Identity.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;

namespace Haven.Core.Data;

/// <summary>The one database of a Haven site. Provider projects (SQLite, PostgreSQL) supply options and migrations.</summary>
public class HavenDbContext(DbContextOptions options) : IdentityDbContext<HavenUser>(options), IDataProtectionKeyContext
{
    /// <summary>The keys that protect sign-in cookies, antiforgery tokens and mailed links, shared by every instance
    /// on this database (and kept with the data on SQLite), so none of those break across instances or restarts.</summary>
    public DbSet<DataProtectionKey> DataProtectionKeys => Set<DataProtectionKey>();

    public DbSet<Organization> Organizations => Set<Organization>();
    public DbSet<Topic> Topics => Set<Topic>();
    public DbSet<Audience> Audiences => Set<Audience>();
    public DbSet<Jurisdiction> Jurisdictions => Set<Jurisdiction>();
    public DbSet<Resource> Resources => Set<Resource>();
    public DbSet<ResourceAttachment> ResourceAttachments => Set<ResourceAttachment>();
    public DbSet<ResourceRevision> ResourceRevisions => Set<ResourceRevision>();
    public DbSet<SearchIndexChange> SearchIndexChanges => Set<SearchIndexChange>();
    public DbSet<Person> People => Set<Person>();
    public DbSet<OrganizationMembership> Memberships => Set<OrganizationMembership>();
    public DbSet<Invitation> Invitations => Set<Invitation>();
    public DbSet<OutboxMessage> Outbox => Set<OutboxMessage>();
    public DbSet<AuditEntry> AuditLog => Set<AuditEntry>();
    public DbSet<Event> Events => Set<Event>();
    public DbSet<Registration> Registrations => Set<Registration>();
    public DbSet<RegistrationLink> RegistrationLinks => Set<RegistrationLink>();
    public DbSet<EventReminder> EventReminders => Set<EventReminder>();
    public DbSet<Campaign> Campaigns => Set<Campaign>();
    public DbSet<Endorsement> Endorsements => Set<Endorsement>();
    public DbSet<EndorsementLink> EndorsementLinks => Set<EndorsementLink>();
    public DbSet<PolicyArea> PolicyAreas => Set<PolicyArea>();
    public DbSet<PolicyPosition> PolicyPositions => Set<PolicyPosition>();
    public DbSet<PolicyRecord> PolicyRecords => Set<PolicyRecord>();
    public DbSet<PolicySource> PolicySources => Set<PolicySource>();
    public DbSet<News.Post> Posts => Set<News.Post>();
    public DbSet<Bill> Bills => Set<Bill>();
    public DbSet<BillPosition> BillPositions => Set<BillPosition>();
    public DbSet<ResourceBill> ResourceBills => Set<ResourceBill>();
    public DbSet<CampaignBill> CampaignBills => Set<CampaignBill>();
    public DbSet<Comment> Comments => Set<Comment>();
    public DbSet<WordPress.WordPressImportRecord> WordPressImports => Set<WordPress.WordPressImportRecord>();
    public DbSet<CommentWordList> CommentWordLists => Set<CommentWordList>();
    public DbSet<Api.ApiToken> ApiTokens => Set<Api.ApiToken>();
    public DbSet<Subscriptions.Subscription> Subscriptions => Set<Subscriptions.Subscription>();
    public DbSet<Subscriptions.SubscriptionLink> SubscriptionLinks => Set<Subscriptions.SubscriptionLink>();
    public DbSet<Subscriptions.SubscriptionDelivery> SubscriptionDeliveries => Set<Subscriptions.SubscriptionDelivery>();

    protected override void ConfigureConventions(ModelConfigurationBuilder configurationBuilder)
    {
        // NodaTime types stored the same way on every provider: instants as UTC timestamps, dates as dates.
        configurationBuilder.Properties<NodaTime.Instant>().HaveConversion<InstantConverter>();
        configurationBuilder.Properties<NodaTime.LocalDate>().HaveConversion<LocalDateConverter>();
    }

    /// <summary>Refuses to change or delete audit entries: the log is append-only.</summary>
    public override int SaveChanges(bool acceptAllChangesOnSuccess)
    {
        GuardAuditLog();
        return base.SaveChanges(acceptAllChangesOnSuccess);
    }

    public override Task<int> SaveChangesAsync(bool acceptAllChangesOnSuccess, CancellationToken cancellationToken = default)
    {
        GuardAuditLog();
        return base.SaveChangesAsync(acceptAllChangesOnSuccess, cancellationToken);
    }

    private void GuardAuditLog()
    {
        // First a look that detects no changes (a scan of every tracked entity, which SaveChanges does again anyway):
        // most saves track no audit entry at all, and one that is tracked is found without it.
        var detect = ChangeTracker.AutoDetectChangesEnabled;
        ChangeTracker.AutoDetectChangesEnabled = false;
        bool tracked;
        try
        {
            tracked = ChangeTracker.Entries<AuditEntry>().Any();
        }
        finally
        {
            ChangeTracker.AutoDetectChangesEnabled = detect;
        }
        if (!tracked) return;
        if (ChangeTracker.Entries<AuditEntry>().Any(e => e.State is EntityState.Modified or EntityState.Deleted))
            throw new InvalidOperationException("Audit entries are append-only: they cannot be changed or deleted.");
    }

    protected override void OnModelCreating(ModelBuilder builder)
    {
        base.OnModelCreating(builder);
        builder.ApplyConfigurationsFromAssembly(typeof(HavenDbContext).Assembly);
    }
}
