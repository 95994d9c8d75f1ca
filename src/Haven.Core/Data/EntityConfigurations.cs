using Haven.Core.Accounts;
using Haven.Core.Audit;
using Haven.Core.Events;
using Haven.Core.Mail;
using Haven.Core.Organizations;
using Haven.Core.People;
using Haven.Core.Resources;
using Haven.Core.Search;
using Haven.Core.Taxonomy;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Haven.Core.Data;

internal sealed class OrganizationConfiguration : IEntityTypeConfiguration<Organization>
{
    public void Configure(EntityTypeBuilder<Organization> e)
    {
        e.HasIndex(o => o.Slug).IsUnique();
        e.Property(o => o.Slug).HasMaxLength(80);
        e.Property(o => o.Name).HasMaxLength(200);
        e.Property(o => o.ShortName).HasMaxLength(40);
        e.Property(o => o.Website).HasMaxLength(500);
        e.Property(o => o.Description).HasMaxLength(4000);
        e.Property(o => o.ContactEmail).HasMaxLength(320);
        e.Property(o => o.LogoKey).HasMaxLength(200);
        e.Property(o => o.LogoContentType).HasMaxLength(60);
    }
}

internal sealed class TopicConfiguration : IEntityTypeConfiguration<Topic>
{
    public void Configure(EntityTypeBuilder<Topic> e)
    {
        e.HasIndex(t => t.Slug).IsUnique();
        e.Property(t => t.Slug).HasMaxLength(80);
        e.Property(t => t.Name).HasMaxLength(120);
        e.Property(t => t.NameEs).HasMaxLength(120);
    }
}

internal sealed class AudienceConfiguration : IEntityTypeConfiguration<Audience>
{
    public void Configure(EntityTypeBuilder<Audience> e)
    {
        e.HasIndex(a => a.Slug).IsUnique();
        e.Property(a => a.Slug).HasMaxLength(80);
        e.Property(a => a.Name).HasMaxLength(120);
        e.Property(a => a.NameEs).HasMaxLength(120);
    }
}

internal sealed class JurisdictionConfiguration : IEntityTypeConfiguration<Jurisdiction>
{
    public void Configure(EntityTypeBuilder<Jurisdiction> e)
    {
        e.HasIndex(j => j.Slug).IsUnique();
        e.HasIndex(j => j.Fips).IsUnique();
        e.Property(j => j.Slug).HasMaxLength(80);
        e.Property(j => j.Name).HasMaxLength(200);
        e.Property(j => j.Fips).HasMaxLength(7);
        e.Property(j => j.StateCode).HasMaxLength(2);
    }
}

internal sealed class ResourceConfiguration : IEntityTypeConfiguration<Resource>
{
    public void Configure(EntityTypeBuilder<Resource> e)
    {
        e.HasIndex(r => r.Slug).IsUnique();
        e.HasIndex(r => r.WorkId);
        e.HasIndex(r => new { r.Status, r.PublishAt });
        e.HasIndex(r => r.OwnerOrganizationId);
        e.HasOne<Organization>().WithMany().HasForeignKey(r => r.OwnerOrganizationId).OnDelete(DeleteBehavior.Restrict);
        e.Property(r => r.ReviewRequestedById).HasMaxLength(450);
        e.Property(r => r.Slug).HasMaxLength(80);
        e.Property(r => r.Title).HasMaxLength(Resource.TitleMaxLength);
        e.Property(r => r.Summary).HasMaxLength(Resource.SummaryMaxLength);
        e.Property(r => r.Language).HasMaxLength(8);
        e.Property(r => r.Status);
        e.Property(r => r.PublishAt);
        e.Property(r => r.Revision).IsConcurrencyToken();
        // A resource is superseded by at most one newer resource.
        e.HasOne(r => r.Supersedes).WithOne(r => r.SupersededBy)
            .HasForeignKey<Resource>(r => r.SupersedesId).OnDelete(DeleteBehavior.SetNull);
        e.HasMany(r => r.Authors).WithOne().HasForeignKey(a => a.ResourceId).OnDelete(DeleteBehavior.Cascade);
        e.HasMany(r => r.Attachments).WithOne().HasForeignKey(a => a.ResourceId).OnDelete(DeleteBehavior.Cascade);
        e.HasMany(r => r.Links).WithOne().HasForeignKey(l => l.ResourceId).OnDelete(DeleteBehavior.Cascade);
        e.HasMany(r => r.Topics).WithMany().UsingEntity("ResourceTopics");
        e.HasMany(r => r.Audiences).WithMany().UsingEntity("ResourceAudiences");
        e.HasMany(r => r.Jurisdictions).WithMany().UsingEntity("ResourceJurisdictions");
    }
}

internal sealed class ResourceAuthorConfiguration : IEntityTypeConfiguration<ResourceAuthor>
{
    public void Configure(EntityTypeBuilder<ResourceAuthor> e)
    {
        e.HasKey(a => new { a.ResourceId, a.OrganizationId });
        e.HasIndex(a => a.OrganizationId);
        e.HasOne(a => a.Organization).WithMany().HasForeignKey(a => a.OrganizationId).OnDelete(DeleteBehavior.Restrict);
    }
}

internal sealed class ResourceAttachmentConfiguration : IEntityTypeConfiguration<ResourceAttachment>
{
    public void Configure(EntityTypeBuilder<ResourceAttachment> e)
    {
        e.Property(a => a.FileName).HasMaxLength(255);
        e.Property(a => a.ContentType).HasMaxLength(120);
        e.Property(a => a.StorageKey).HasMaxLength(200);
        e.Property(a => a.Sha256).HasMaxLength(64);
    }
}

internal sealed class ResourceLinkConfiguration : IEntityTypeConfiguration<ResourceLink>
{
    public void Configure(EntityTypeBuilder<ResourceLink> e)
    {
        e.Property(l => l.Url).HasMaxLength(2000);
        e.Property(l => l.Title).HasMaxLength(300);
    }
}

internal sealed class ResourceRevisionConfiguration : IEntityTypeConfiguration<ResourceRevision>
{
    public void Configure(EntityTypeBuilder<ResourceRevision> e)
    {
        e.HasIndex(r => new { r.ResourceId, r.Number }).IsUnique();
        e.Property(r => r.By).HasMaxLength(256);
        e.Property(r => r.Action).HasMaxLength(60);
        e.HasOne<Resource>().WithMany().HasForeignKey(r => r.ResourceId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class SearchIndexChangeConfiguration : IEntityTypeConfiguration<SearchIndexChange>
{
    public void Configure(EntityTypeBuilder<SearchIndexChange> e)
    {
        // No foreign key: the log must outlive a deleted resource so indexes learn of the deletion.
        e.HasKey(c => c.Id);
    }
}

internal sealed class OutboxMessageConfiguration : IEntityTypeConfiguration<OutboxMessage>
{
    public void Configure(EntityTypeBuilder<OutboxMessage> e)
    {
        e.HasKey(m => m.Id);
        // The dispatcher's question: what is pending and due?
        e.HasIndex(m => new { m.Status, m.NextAttemptAt });
        e.Property(m => m.To).HasMaxLength(320);
        e.Property(m => m.Subject).HasMaxLength(500);
        e.Property(m => m.LastError).HasMaxLength(2000);
    }
}

internal sealed class AuditEntryConfiguration : IEntityTypeConfiguration<AuditEntry>
{
    public void Configure(EntityTypeBuilder<AuditEntry> e)
    {
        e.HasKey(a => a.Id);
        e.HasIndex(a => a.At);
        e.HasIndex(a => new { a.OrganizationId, a.At });
        e.HasIndex(a => new { a.Action, a.At });
        e.Property(a => a.ActorId).HasMaxLength(450);
        e.Property(a => a.ActorName).HasMaxLength(320);
        e.Property(a => a.Action).HasMaxLength(80);
        e.Property(a => a.SubjectType).HasMaxLength(40);
        e.Property(a => a.SubjectId).HasMaxLength(450);
        e.Property(a => a.Summary).HasMaxLength(1000);
        e.Property(a => a.IpAddress).HasMaxLength(64);
        // No foreign keys: the log outlives the accounts and things it describes.
    }
}

internal sealed class OrganizationMembershipConfiguration : IEntityTypeConfiguration<OrganizationMembership>
{
    public void Configure(EntityTypeBuilder<OrganizationMembership> e)
    {
        e.HasKey(m => new { m.UserId, m.OrganizationId });
        e.HasIndex(m => m.OrganizationId);
        e.HasOne<HavenUser>().WithMany().HasForeignKey(m => m.UserId).OnDelete(DeleteBehavior.Cascade);
        e.HasOne<Organization>().WithMany().HasForeignKey(m => m.OrganizationId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class InvitationConfiguration : IEntityTypeConfiguration<Invitation>
{
    public void Configure(EntityTypeBuilder<Invitation> e)
    {
        e.HasIndex(i => i.TokenHash).IsUnique();
        e.HasIndex(i => i.Email);
        e.Property(i => i.TokenHash).HasMaxLength(64);
        e.Property(i => i.Email).HasMaxLength(320);
        e.Property(i => i.InvitedById).HasMaxLength(450);
        e.Property(i => i.AcceptedById).HasMaxLength(450);
        e.HasOne<Organization>().WithMany().HasForeignKey(i => i.OrganizationId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class PersonConfiguration : IEntityTypeConfiguration<Person>
{
    public void Configure(EntityTypeBuilder<Person> e)
    {
        e.HasIndex(p => p.Slug).IsUnique();
        e.Property(p => p.Slug).HasMaxLength(80);
        e.Property(p => p.Name).HasMaxLength(200);
        e.Property(p => p.Title).HasMaxLength(200);
        e.Property(p => p.Affiliation).HasMaxLength(200);
        e.Property(p => p.Bio).HasMaxLength(4000);
        e.Property(p => p.ContactEmail).HasMaxLength(320);
        e.Property(p => p.PhotoKey).HasMaxLength(200);
        e.Property(p => p.PhotoContentType).HasMaxLength(60);
        e.HasOne(p => p.Organization).WithMany().HasForeignKey(p => p.OrganizationId).OnDelete(DeleteBehavior.SetNull);
    }
}

internal sealed class EventConfiguration : IEntityTypeConfiguration<Event>
{
    public void Configure(EntityTypeBuilder<Event> e)
    {
        e.HasIndex(x => x.Slug).IsUnique();
        e.HasIndex(x => new { x.Status, x.StartsAt });
        e.HasIndex(x => x.StartsAt);
        e.Property(x => x.Slug).HasMaxLength(80);
        e.Property(x => x.Title).HasMaxLength(Event.TitleMaxLength);
        e.Property(x => x.TimeZoneId).HasMaxLength(64);
        e.Property(x => x.ListedZoneIds).HasMaxLength(500);
        e.Property(x => x.Language).HasMaxLength(8);
        e.Property(x => x.Interpretation).HasMaxLength(200);
        e.Property(x => x.ContinuingEducationNote).HasMaxLength(1000);
        e.Property(x => x.ContactEmail).HasMaxLength(320);
        e.Property(x => x.InvitationCodeHash).HasMaxLength(64);
        e.Property(x => x.JoinUrl).HasMaxLength(2000);
        e.Property(x => x.DialIn).HasMaxLength(1000);
        e.Property(x => x.RecordingUrl).HasMaxLength(2000);
        e.Property(x => x.ReminderMinutes).HasMaxLength(100);
        e.Property(x => x.Revision).IsConcurrencyToken();
        e.Ignore(x => x.EndsAt);
        e.Ignore(x => x.Zone);
        e.HasOne<Organization>().WithMany().HasForeignKey(x => x.OwnerOrganizationId).OnDelete(DeleteBehavior.Restrict);
        e.HasMany(x => x.Hosts).WithOne().HasForeignKey(h => h.EventId).OnDelete(DeleteBehavior.Cascade);
        e.HasMany(x => x.Speakers).WithOne().HasForeignKey(s => s.EventId).OnDelete(DeleteBehavior.Cascade);
        e.HasMany(x => x.Questions).WithOne().HasForeignKey(q => q.EventId).OnDelete(DeleteBehavior.Cascade);
        e.HasMany(x => x.Prerequisites).WithMany().UsingEntity("EventPrerequisites");
        e.HasMany(x => x.Materials).WithMany().UsingEntity("EventMaterials",
            r => r.HasOne(typeof(Resource)).WithMany().HasForeignKey("ResourceId").OnDelete(DeleteBehavior.Cascade),
            l => l.HasOne(typeof(Event)).WithMany().HasForeignKey("EventId").OnDelete(DeleteBehavior.Cascade));
        e.HasMany(x => x.Topics).WithMany().UsingEntity("EventTopics");
    }
}

internal sealed class EventHostConfiguration : IEntityTypeConfiguration<EventHost>
{
    public void Configure(EntityTypeBuilder<EventHost> e)
    {
        e.HasKey(h => new { h.EventId, h.OrganizationId });
        e.HasIndex(h => h.OrganizationId);
        e.HasOne(h => h.Organization).WithMany().HasForeignKey(h => h.OrganizationId).OnDelete(DeleteBehavior.Restrict);
    }
}

internal sealed class EventSpeakerConfiguration : IEntityTypeConfiguration<EventSpeaker>
{
    public void Configure(EntityTypeBuilder<EventSpeaker> e)
    {
        e.Property(s => s.Title).HasMaxLength(200);
        e.Property(s => s.Affiliation).HasMaxLength(200);
        e.HasOne(s => s.Person).WithMany().HasForeignKey(s => s.PersonId).OnDelete(DeleteBehavior.Restrict);
    }
}

internal sealed class EventQuestionConfiguration : IEntityTypeConfiguration<EventQuestion>
{
    public void Configure(EntityTypeBuilder<EventQuestion> e)
    {
        e.Property(q => q.Label).HasMaxLength(300);
        e.Property(q => q.Options).HasMaxLength(2000);
    }
}

internal sealed class RegistrationConfiguration : IEntityTypeConfiguration<Registration>
{
    public void Configure(EntityTypeBuilder<Registration> e)
    {
        // One registration per address and event, even when two arrive at once.
        e.HasIndex(r => new { r.EventId, r.NormalizedEmail }).IsUnique();
        // Seats held and the waitlist's order.
        e.HasIndex(r => new { r.EventId, r.Status, r.QueuedAt });
        e.Property(r => r.Email).HasMaxLength(Registration.EmailMaxLength);
        e.Property(r => r.NormalizedEmail).HasMaxLength(Registration.EmailMaxLength);
        e.Property(r => r.Name).HasMaxLength(Registration.NameMaxLength);
        e.Property(r => r.Organization).HasMaxLength(200);
        e.Property(r => r.Language).HasMaxLength(8);
        e.HasOne<Event>().WithMany().HasForeignKey(r => r.EventId).OnDelete(DeleteBehavior.Cascade);
        e.HasMany(r => r.Links).WithOne().HasForeignKey(l => l.RegistrationId).OnDelete(DeleteBehavior.Cascade);
        e.Ignore(r => r.HoldsSeat);
        e.Ignore(r => r.IsActive);
    }
}

internal sealed class RegistrationLinkConfiguration : IEntityTypeConfiguration<RegistrationLink>
{
    public void Configure(EntityTypeBuilder<RegistrationLink> e)
    {
        e.HasIndex(l => l.TokenHash).IsUnique();
        e.HasIndex(l => l.RegistrationId);
        e.Property(l => l.TokenHash).HasMaxLength(64);
    }
}

internal sealed class EventReminderConfiguration : IEntityTypeConfiguration<EventReminder>
{
    public void Configure(EntityTypeBuilder<EventReminder> e)
    {
        // Once per event, lead and start: two instances racing to send a reminder collide here and one backs off.
        e.HasKey(r => new { r.EventId, r.LeadMinutes, r.StartsAt });
        e.HasOne<Event>().WithMany().HasForeignKey(r => r.EventId).OnDelete(DeleteBehavior.Cascade);
    }
}
