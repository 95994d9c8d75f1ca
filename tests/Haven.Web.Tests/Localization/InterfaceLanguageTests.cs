using System.Net;
using System.Resources;
using System.Text.RegularExpressions;
using System.Xml.Linq;
using AwesomeAssertions;
using Haven.TestSupport;
using Haven.Web.Localization;
using Microsoft.AspNetCore.Mvc.Testing;

namespace Haven.Web.Tests.Localization;

public sealed partial class InterfaceLanguageTests(SqliteSite site) : IClassFixture<SqliteSite>
{
    [Fact]
    public async Task Spanish_lives_under_es_and_its_links_stay_in_spanish()
    {
        var page = await site.CreateClient().GetDocumentAsync("/es/resources");
        page.DocumentElement.GetAttribute("lang").Should().Be("es");
        page.QuerySelector("h1")!.TextContent.Should().Be("Biblioteca");
        page.QuerySelectorAll("header nav a").Select(a => a.GetAttribute("href")).Should().Contain("/es/resources");
        page.QuerySelector("link[rel=alternate][hreflang=en]")!.GetAttribute("href").Should().Be("http://localhost/resources", "hreflang alternates are absolute");
    }

    [Fact]
    public async Task Facet_labels_are_in_each_page_s_language_whichever_language_asked_first()
    {
        var t = await site.CreateTaxonomyAsync();
        await site.SaveResourceAsync(t.Resource($"Answering a detainer {t.Some.Token}", "How to answer an ice detainer.", type: Haven.Core.Resources.ResourceType.PracticeAdvisory));
        var client = site.CreateClient();
        async Task<string?> TypeLabel(string path) =>
            (await client.GetDocumentAsync(path))
                .QuerySelector("a[data-facet=type][data-value=practice-advisory] .facet-label")?.TextContent;

        (await TypeLabel("/es/resources")).Should().Be("Guía práctica");
        (await TypeLabel("/resources")).Should().Be("Practice advisory");
        (await TypeLabel("/es/resources?q=ice")).Should().Be("Guía práctica");
        (await TypeLabel("/resources?q=ice")).Should().Be("Practice advisory");
    }

    [Fact]
    public async Task The_language_switch_remembers_the_choice()
    {
        var client = site.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        var english = await client.GetDocumentAsync("/resources?q=ice");
        var switchLink = english.QuerySelector("a.language-switch")!.GetAttribute("href")!;

        var switched = await client.GetAsync(switchLink);
        switched.StatusCode.Should().Be(HttpStatusCode.Redirect);
        switched.Headers.Location!.ToString().Should().Be("/es/resources?q=ice");

        // Later, an English link (say, shared by a colleague) opens in Spanish.
        var later = await client.GetAsync("/resources");
        later.StatusCode.Should().Be(HttpStatusCode.Redirect);
        later.Headers.Location!.ToString().Should().Be("/es/resources");

        // Switching back to English sticks too.
        await client.GetAsync("/language?to=en&returnUrl=%2Fresources");
        (await client.GetAsync("/resources")).StatusCode.Should().Be(HttpStatusCode.OK);
    }

    [Fact]
    public async Task The_switch_never_sends_anyone_to_another_site()
    {
        var client = site.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        var response = await client.GetAsync("/language?to=es&returnUrl=https%3A%2F%2Fevil.example%2F");
        response.Headers.Location!.ToString().Should().Be("/es/");
    }

    [Fact]
    public void Every_interface_string_has_a_spanish_translation()
    {
        var root = RepositoryRoot();
        var keys = new HashSet<string>(DynamicKeys.All);
        foreach (var file in Directory.EnumerateFiles(Path.Combine(root, "src", "Haven.Web"), "*.*", SearchOption.AllDirectories)
                     .Where(f => (f.EndsWith(".cshtml", StringComparison.Ordinal) || f.EndsWith(".cs", StringComparison.Ordinal)) && !f.Contains("/obj/", StringComparison.Ordinal) && !f.Contains("/bin/", StringComparison.Ordinal)))
        {
            foreach (Match m in LocalizerKey().Matches(File.ReadAllText(file))) keys.Add(Unescape(m.Groups[1].Value));
            foreach (Match m in ProblemMessage().Matches(File.ReadAllText(file))) keys.Add(Unescape(m.Groups[1].Value));
        }
        foreach (var file in Directory.EnumerateFiles(Path.Combine(root, "src", "Haven.Core"), "*.cs", SearchOption.AllDirectories).Where(f => !f.Contains("/obj/", StringComparison.Ordinal)))
            foreach (Match m in ProblemMessage().Matches(File.ReadAllText(file))) keys.Add(Unescape(m.Groups[1].Value));
        foreach (var type in Enum.GetValues<Haven.Core.Resources.ResourceType>()) keys.Add(Haven.Core.Resources.ResourceTypes.DisplayName(type));

        var spanish = XDocument.Load(Path.Combine(root, "src", "Haven.Web", "Localization", "SharedResource.es.resx"))
            .Root!.Elements("data").ToDictionary(d => d.Attribute("name")!.Value, d => d.Element("value")!.Value);

        keys.Should().HaveCountGreaterThan(100);
        // Resource names are looked up without regard to case: "Required" and "required" would be one entry.
        spanish.Keys.GroupBy(k => k, StringComparer.OrdinalIgnoreCase).Where(g => g.Count() > 1).Select(g => g.Key)
            .Should().BeEmpty("keys that differ only in case collide");
        keys.Where(k => !spanish.ContainsKey(k)).Should().BeEmpty("every string a person reads needs its Spanish");
        spanish.Where(p => string.IsNullOrWhiteSpace(p.Value)).Should().BeEmpty();
        // Placeholders survive translation.
        foreach (var (key, value) in spanish)
            Placeholder().Matches(value).Select(m => m.Value).Order().Should().Equal(Placeholder().Matches(key).Select(m => m.Value).Order(), key);
    }

    private static string Unescape(string s) => s.Replace("\\\"", "\"", StringComparison.Ordinal);

    private static string RepositoryRoot()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "Haven.slnx"))) dir = dir.Parent;
        return dir?.FullName ?? throw new InvalidOperationException("Cannot find the repository root.");
    }

    // L["key"] in pages, L("key", ...) in mail writers.
    [GeneratedRegex("""(?<![\w.])L[\[(]"((?:[^"\\]|\\.)*)"[\],)]""")]
    private static partial Regex LocalizerKey();

    [GeneratedRegex("""new Problem\("[^"]*",\s*"((?:[^"\\]|\\.)*)"[,)]""")]
    private static partial Regex ProblemMessage();

    [GeneratedRegex(@"\{\d+\}")]
    private static partial Regex Placeholder();
}
