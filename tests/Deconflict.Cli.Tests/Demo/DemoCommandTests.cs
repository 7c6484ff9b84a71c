using Deconflict.Adjudicate;
using Deconflict.Cli.Tests.Support;

namespace Deconflict.Cli.Tests.Demo;

[Collection(ConsoleCollection.Name)]
public sealed class DemoCommandTests(DemoFixture demo) : IClassFixture<DemoFixture>
{
    [Fact]
    public void Demo_AlMalikiyah_FindingsEqualTheReviewedGoldenFile()
    {
        var golden = File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Demo", "al-malikiyah-2020.findings.json"));

        Assert.Equal(golden.ReplaceLineEndings("\n").TrimEnd(), File.ReadAllText(demo.Output.Findings).ReplaceLineEndings("\n").TrimEnd());
    }

    [Fact]
    public void Demo_AlMalikiyah_EachSideBreachesAndComplianceAsScripted()
    {
        var a = demo.Output.Adjudication;

        // The convoy was never cleared, so the server expired it at its start (08:15), closing its requests before their
        // 08:20 deadline: the patrol's parties did not leave them unanswered, and nothing escalated.
        Assert.Equal(
            [
                ("rus", Rules.Notice), ("rus", Rules.Closing), ("rus", Rules.Closing), ("rus", Rules.MovedUncleared), ("rus", Rules.Closing),
                ("rus", Rules.Closing), ("rus", Rules.MovedUndeclared), ("rus", Rules.OutsideCorridor), ("rus", Rules.NoPassageRequest),
                ("rus", Rules.Proximity), ("rus", Rules.Proximity), ("rus", Rules.NoPassageRequest), ("rus", Rules.Proximity),
            ],
            a.Findings.Select(f => (f.Party, f.Rule)));
        Assert.Equal("declared rus-mp-convoy-3 at 2020-08-25T08:05:00.000Z, 10 min before its start at 2020-08-25T08:15:00.000Z; the arrangement asks 60 min", a.Findings[0].Text);
        Assert.Equal([19L], a.Findings[0].Entries);
        Assert.StartsWith("rus-btr-1 moved from 2020-08-25T08:21:00.000Z to 2020-08-25T08:27:00.000Z (7 report(s)) while rus-mp-convoy-3 was expired", a.Findings[3].Text, StringComparison.Ordinal);
        Assert.Equal([19L, 20, 39], a.Findings[3].Entries.Take(3));
        Assert.StartsWith("rus-btr-1 came within 4 m of usa's usa-mrap-1 at 2020-08-25T08:27:00.000Z (threshold 100 m)", a.Findings[9].Text, StringComparison.Ordinal);
        Assert.Equal("signed", a.Findings[9].Tracks);
        Assert.Equal("attested", a.Findings[6].Tracks);
        Assert.Equal(
            [("usa", Rules.Notice), ("sdf", Rules.Notice), ("rus", Rules.RequestSent), ("rus", Rules.RequestSent), ("usa", Rules.Proximity), ("usa", Rules.Proximity), ("sdf", Rules.Proximity), ("usa", Rules.Hotline)],
            a.Compliance.Select(f => (f.Party, f.Rule)));
        Assert.Contains(a.Timeline, t => t.Kind == ActKindNames.IncidentStatement && t.Party == "rus");
        Assert.Equal(172, demo.Output.Size);
    }

    [Fact]
    public void Demo_AlMalikiyah_FindingsCiteTheServersOwnEntries()
    {
        var a = demo.Output.Adjudication;
        var byIndex = a.Timeline.ToDictionary(t => t.Index);

        // The expiry at the convoy's start and the tracker's alerts are the server's own entries, cited by the findings.
        Assert.Equal(("operator", ActKindNames.Expire), (byIndex[39].Party, byIndex[39].Kind));
        Assert.Contains(a.Findings.Where(f => f.Rule == Rules.Proximity).SelectMany(f => f.Entries), i => byIndex.TryGetValue(i, out var t) && t.Kind == ActKindNames.AlertBatch);
        Assert.Equal(("operator", ActKindNames.Checked), (byIndex[20].Party, byIndex[20].Kind));
    }
}
