using System.Net;
using System.Text;
using AngleSharp.Dom;
using AwesomeAssertions;
using Haven.Core.Policies;
using Haven.TestSupport;
using Microsoft.EntityFrameworkCore;
using NodaTime;

namespace Haven.Web.Tests.Policies;

/// <summary>CSV import over HTTP: the dry run reports every kind of bad row and writes nothing; a good file is
/// imported only after the editor confirms, closing the record it succeeds. Both databases.</summary>
public abstract class PolicyImportTests(HavenFactory site)
{
    private const string Header = "fips,area,position,effective,end,basis,excerpt,notes,source_url,verified";

    private static UploadedFile Csv(string text) => new("file", "policies.csv", "text/csv", Encoding.UTF8.GetBytes(text));

    private async Task<IDocument> CheckAsync(HttpClient client, UploadedFile file)
    {
        var response = await client.PostMultipartFormAsync("/admin/policies/import", "/admin/policies/import?handler=check", [], file);
        response.StatusCode.Should().Be(HttpStatusCode.OK, await response.Content.ReadAsStringAsync());
        return Html.Parse(await response.Content.ReadAsStringAsync());
    }

    private static Dictionary<string, string> RowResults(IDocument page) =>
        page.QuerySelectorAll("table.import-report tbody tr").ToDictionary(
            tr => tr.QuerySelectorAll("td")[0].TextContent.Trim(), tr => tr.QuerySelectorAll("td")[1].TextContent.Trim());

    private async Task<int> CountAsync(int areaId) => await site.WithDbAsync(db => db.PolicyRecords.CountAsync(r => r.AreaId == areaId));

    [Fact]
    public async Task The_dry_run_reports_each_bad_row_and_writes_nothing()
    {
        var some = new Some();
        var t = await site.CreateTaxonomyAsync();
        var area = await site.CreateAreaAsync(some);
        var a = await site.CreateCountyAsync(some);
        var b = await site.CreateCountyAsync(some);
        await TestPolicies.SaveAsync(site, b.Id, area.Slug, "harsh", "2010-01-01", end: "2015-12-31");
        var editor = await site.MemberClientAsync(t.Organization.Id);
        var before = await CountAsync(area.Id);

        var page = await CheckAsync(editor, Csv(string.Join("\n",
            Header,
            $"{a.Fips},{area.Slug},harsh,2012-01-01,,written,,,,",                      // line 2: good
            $"99999,{area.Slug},harsh,2012-01-01,,written,,,,",                          // 3: unknown FIPS
            $"{a.Fips},no-such-area-{some.Token},harsh,2012-01-01,,written,,,,",          // 4: unknown area
            $"{a.Fips},{area.Slug},lenient,2012-01-01,,written,,,,",                     // 5: unknown position
            $"{a.Fips},{area.Slug},middle,01/02/2019,,written,,,,",                      // 6: bad date
            $"{a.Fips},{area.Slug},middle,2012-01-01,,written,,,,",                      // 7: overlaps line 2 of the file
            $"{b.Fips},{area.Slug},middle,2014-01-01,2016-06-30,written,,,,",            // 8: overlaps the database
            $"{a.Fips},{area.Slug},middle,2009-05-01,2009-01-01,written,,,,",            // 9: ends before it starts
            $"{a.Fips},{area.Slug},middle,2005-01-01,,sometimes,,,,",                    // 10: bad basis
            $"{a.Fips},{area.Slug},middle,2004-01-01,,written,,,not a link,",            // 11: bad link
            $"{a.Fips},{area.Slug},middle,2003-01-01,,written,,,,,extra")));             // 12: one cell too many

        var rows = RowResults(page);
        rows.Should().HaveCount(11);
        rows["2"].Should().StartWith("Adds");
        rows["3"].Should().Contain("No jurisdiction has the FIPS code 99999.");
        rows["4"].Should().Contain($"No policy area is called no-such-area-{some.Token}.");
        rows["5"].Should().Contain($"The area {area.Slug} has no position lenient.");
        rows["6"].Should().Contain("The effective date “01/02/2019” is not a date (YYYY-MM-DD).");
        rows["7"].Should().Contain("This period overlaps the one on line 2 of the file.");
        rows["8"].Should().Contain("This period overlaps the record in force from 2010-01-01 to 2015-12-31.");
        rows["9"].Should().Contain("The end date must be on or after the effective date.");
        rows["10"].Should().Contain("The basis must be “written” or “observed”.");
        rows["11"].Should().Contain("Not a web address: not a link");
        rows["12"].Should().Contain("The row has 11 cells; the header has 10.");
        page.QuerySelector("input[name=hash]").Should().BeNull("a file with problems cannot be confirmed");
        page.Body!.TextContent.Should().Contain("Nothing was written.");
        (await CountAsync(area.Id)).Should().Be(before);
    }

    [Fact]
    public async Task A_file_that_is_not_utf8_is_refused_whole()
    {
        var some = new Some();
        var t = await site.CreateTaxonomyAsync();
        var area = await site.CreateAreaAsync(some);
        var a = await site.CreateCountyAsync(some);
        var editor = await site.MemberClientAsync(t.Organization.Id);
        var latin1 = Encoding.Latin1.GetBytes($"{Header}\n{a.Fips},{area.Slug},harsh,2012-01-01,,written,Política del condado,,,\n");

        var page = await CheckAsync(editor, new UploadedFile("file", "policies.csv", "text/csv", latin1));

        page.QuerySelector(".problems")!.TextContent.Should().Contain("The file is not UTF-8 text");
        page.QuerySelector("input[name=hash]").Should().BeNull();
        (await CountAsync(area.Id)).Should().Be(0);
    }

    [Fact]
    public async Task Missing_and_extra_columns_are_named()
    {
        var t = await site.CreateTaxonomyAsync();
        var editor = await site.MemberClientAsync(t.Organization.Id);

        var page = await CheckAsync(editor, Csv("fips,area,position,effective,end,basis,excerpt,notes,verified,county_name\n06037,x,y,2012-01-01,,,,,,LA\n"));

        var text = page.QuerySelector(".problems")!.TextContent;
        text.Should().Contain("Columns are missing: source_url.").And.Contain("Unknown columns: county_name.");
        page.QuerySelector("input[name=hash]").Should().BeNull();
    }

    [Fact]
    public async Task A_good_file_is_imported_only_after_confirmation_and_closes_what_it_succeeds()
    {
        var some = new Some();
        var t = await site.CreateTaxonomyAsync();
        var area = await site.CreateAreaAsync(some);
        var a = await site.CreateCountyAsync(some);
        var b = await site.CreateCountyAsync(some);
        var current = await TestPolicies.SaveAsync(site, b.Id, area.Slug, "harsh", "2010-01-01");
        var editor = await site.MemberClientAsync(t.Organization.Id);

        var csv = string.Join("\r\n",
            Header,
            // Out of date order on purpose: the later row closes the earlier one.
            $"{a.Fips},{area.Slug},protective,2020-07-01,,observed,\"The sheriff \"\"shall not\"\" hold anyone, on a detainer alone.\",,https://example.org/ordinance,2026-02-01",
            $"{a.Fips},{area.Slug},Harsh,2013-01-01,,written,,Label instead of short name,,",
            $"{b.Fips},{area.Slug},middle,2018-03-01,,written,'=not a formula,,,");
        var page = await CheckAsync(editor, Csv(csv));
        var rows = RowResults(page);
        rows["2"].Should().Contain($"Adds {area.Name}: protective in {a.Name}, from 2020-07-01.").And.Contain("Closes line 3 on 2020-06-30.");
        rows["4"].Should().Contain("Closes the record in force since 2010-01-01 on 2018-02-28.");
        (await CountAsync(area.Id)).Should().Be(1, "the dry run writes nothing");

        var hash = page.QuerySelector("input[name=hash]")!.GetAttribute("value")!;
        var confirmed = await editor.PostFormAsync("/admin/policies/import", "/admin/policies/import?handler=apply", new() { ["hash"] = hash });
        confirmed.StatusCode.Should().Be(HttpStatusCode.Redirect, await confirmed.Content.ReadAsStringAsync());
        confirmed.Headers.Location!.ToString().Should().Be("/admin/policies/import?imported=3");

        var records = await site.WithDbAsync(db => db.PolicyRecords.AsNoTracking().Include(r => r.Position).Include(r => r.Sources)
            .Where(r => r.AreaId == area.Id).OrderBy(r => r.JurisdictionId).ThenBy(r => r.EffectiveOn).ToListAsync());
        records.Should().HaveCount(4);
        var ofA = records.Where(r => r.JurisdictionId == a.Id).ToList();
        ofA[0].Position!.Slug.Should().Be("harsh");
        ofA[0].EndsOn.Should().Be(new LocalDate(2020, 6, 30));
        ofA[1].Basis.Should().Be(PolicyBasis.ObservedPractice);
        ofA[1].Excerpt.Should().Be("The sheriff \"shall not\" hold anyone, on a detainer alone.");
        ofA[1].Sources.Single().Url.Should().Be("https://example.org/ordinance");
        ofA[1].VerifiedOn.Should().Be(new LocalDate(2026, 2, 1));
        records.Single(r => r.Id == current.Id).EndsOn.Should().Be(new LocalDate(2018, 2, 28));
        records.Single(r => r.JurisdictionId == b.Id && r.Id != current.Id).Excerpt.Should().Be("=not a formula");
        (await site.WithDbAsync(db => db.AuditLog.CountAsync(e => e.Action == AuditActionsImported))).Should().BeGreaterThan(0);

        // The stored copy is gone: confirming twice imports nothing more.
        var again = await editor.PostFormAsync("/admin/policies/import", "/admin/policies/import?handler=apply", new() { ["hash"] = hash });
        Html.Parse(await again.Content.ReadAsStringAsync()).QuerySelector(".problems")!.TextContent.Should().Contain("no longer waiting");
        (await CountAsync(area.Id)).Should().Be(4);

        // The export writes the formula guard, and its rows import back as the same text.
        var export = await site.CreateClient().GetStringAsync("/policies/export.csv");
        export.Should().Contain($"{b.Fips},{area.Slug},middle,2018-03-01,,written,\"'=not a formula\",,,");
    }

    private const string AuditActionsImported = Haven.Core.Audit.AuditActions.PoliciesImported;
}

public sealed class PolicyImportOnSqlite(SqliteSite site) : PolicyImportTests(site), IClassFixture<SqliteSite>;

public sealed class PolicyImportOnPostgres(PostgresSite site) : PolicyImportTests(site), IClassFixture<PostgresSite>;
