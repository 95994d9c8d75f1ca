namespace Haven.Core.Shared;

/// <summary>Something with an English and a Spanish name (topics, audiences).</summary>
public interface ILocalizedName
{
    string Name { get; }
    string NameEs { get; }
}

public static class LocalizedNameExtensions
{
    public static string NameIn(this ILocalizedName item, string language) =>
        language == Languages.Spanish && !string.IsNullOrWhiteSpace(item.NameEs) ? item.NameEs : item.Name;
}
