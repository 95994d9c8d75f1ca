using Haven.Core.Accounts;
using Haven.Core.Organizations;
using Haven.Core.Resources;
using Haven.Core.Search;
using Haven.Core.Taxonomy;
using Microsoft.AspNetCore.Identity.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;

namespace Haven.Core.Data;

/// <summary>The one database of a Haven site. Provider projects (SQLite, PostgreSQL) supply options and migrations.</summary>
public class HavenDbContext(DbContextOptions options) : IdentityDbContext<HavenUser>(options)
{
    public DbSet<Organization> Organizations => Set<Organization>();
    public DbSet<Topic> Topics => Set<Topic>();
    public DbSet<Audience> Audiences => Set<Audience>();
    public DbSet<Jurisdiction> Jurisdictions => Set<Jurisdiction>();
    public DbSet<Resource> Resources => Set<Resource>();
    public DbSet<ResourceAttachment> ResourceAttachments => Set<ResourceAttachment>();
    public DbSet<ResourceRevision> ResourceRevisions => Set<ResourceRevision>();
    public DbSet<SearchIndexChange> SearchIndexChanges => Set<SearchIndexChange>();

    protected override void ConfigureConventions(ModelConfigurationBuilder configurationBuilder)
    {
        // NodaTime types stored the same way on every provider: instants as UTC timestamps, dates as dates.
        configurationBuilder.Properties<NodaTime.Instant>().HaveConversion<InstantConverter>();
        configurationBuilder.Properties<NodaTime.LocalDate>().HaveConversion<LocalDateConverter>();
    }

    protected override void OnModelCreating(ModelBuilder builder)
    {
        base.OnModelCreating(builder);
        builder.ApplyConfigurationsFromAssembly(typeof(HavenDbContext).Assembly);
    }
}
