using Haven.Core.Accounts;

namespace Haven.Core.Resources;

/// <summary>What an editor asks for when saving a resource.</summary>
public enum SaveAction
{
    SaveDraft,
    Publish,
    Schedule,
    Unpublish,
    /// <summary>Saves the changes and leaves the status as it is (a published resource stays published).</summary>
    Save,
    /// <summary>Applies the change proposed for review (the fields are the proposal's); another editor's approval.</summary>
    ApproveProposal,
}

/// <summary>One submission of the resource editor: the fields as typed, which resource and revision they edit, and what to do.</summary>
public sealed record ResourceEdit
{
    /// <summary>Null to create a resource.</summary>
    public int? ResourceId { get; init; }
    /// <summary>The revision the editor loaded; if the resource has moved on since, the save is refused instead of overwriting.</summary>
    public int ExpectedRevision { get; init; }
    public required ResourceSnapshot Fields { get; init; }
    public SaveAction Action { get; init; } = SaveAction.SaveDraft;
    /// <summary>For <see cref="SaveAction.Schedule"/>: local date and time in the site's zone, "yyyy-MM-ddTHH:mm".</summary>
    public string? PublishAt { get; init; }
    /// <summary>Who saves: decides what they may change and is named in the revision and the audit log.</summary>
    public required Actor Actor { get; init; }
}
