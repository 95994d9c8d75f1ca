namespace Haven.Core.Shared;

/// <summary>Languages content can be written in. The interface speaks English and Spanish; content may be in others.</summary>
public static class Languages
{
    public const string English = "en";
    public const string Spanish = "es";

    /// <summary>Interface languages, the first being the default at the site root.</summary>
    public static readonly IReadOnlyList<string> Interface = [English, Spanish];

    /// <summary>Content languages with their names in English and Spanish.</summary>
    public static readonly IReadOnlyDictionary<string, (string En, string Es)> Content = new Dictionary<string, (string, string)>
    {
        ["en"] = ("English", "inglés"),
        ["es"] = ("Spanish", "español"),
        ["fr"] = ("French", "francés"),
        ["ht"] = ("Haitian Creole", "criollo haitiano"),
        ["pt"] = ("Portuguese", "portugués"),
        ["zh"] = ("Chinese", "chino"),
        ["vi"] = ("Vietnamese", "vietnamita"),
        ["ar"] = ("Arabic", "árabe"),
    };

    public static bool IsContentLanguage(string? code) => code is not null && Content.ContainsKey(code);

    public static string NameOf(string code, string uiLanguage) =>
        Content.TryGetValue(code, out var names) ? (uiLanguage == Spanish ? names.Es : names.En) : code;
}
