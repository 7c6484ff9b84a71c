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

        Assert.Equal(
            [
                ("rus", Rules.Notice), ("sdf", Rules.RequestAnswer), ("usa", Rules.RequestAnswer), ("rus", Rules.Closing), ("rus", Rules.Closing),
                ("rus", Rules.MovedUncleared), ("rus", Rules.Closing), ("rus", Rules.Closing), ("rus", Rules.MovedUndeclared), ("rus", Rules.OutsideCorridor),
                ("rus", Rules.NoPassageRequest), ("rus", Rules.Proximity), ("rus", Rules.Proximity), ("rus", Rules.NoPassageRequest), ("rus", Rules.Proximity),
            ],
            a.Findings.Select(f => (f.Party, f.Rule)));
        Assert.Equal("declared rus-mp-convoy-3 at 2020-08-25T08:05:00.000Z, 10 min before its start at 2020-08-25T08:15:00.000Z; the arrangement asks 60 min", a.Findings[0].Text);
        Assert.Equal([19L], a.Findings[0].Entries);
        Assert.Equal("left rus-mp-convoy-3~v1~usa from rus unanswered by its deadline 2020-08-25T08:20:00.000Z (never acknowledged; 3 escalation(s))", a.Findings[2].Text);
        Assert.Equal([20L, 59, 121, 154], a.Findings[2].Entries);
        Assert.StartsWith("rus-btr-1 came within 4 m of usa's usa-mrap-1 at 2020-08-25T08:27:00.000Z (threshold 100 m)", a.Findings[11].Text, StringComparison.Ordinal);
        Assert.Equal("signed", a.Findings[11].Tracks);
        Assert.Equal("attested", a.Findings[8].Tracks);
        Assert.Equal(
            [("usa", Rules.Notice), ("sdf", Rules.Notice), ("rus", Rules.RequestSent), ("rus", Rules.RequestSent), ("usa", Rules.Proximity), ("usa", Rules.Proximity), ("sdf", Rules.Proximity), ("usa", Rules.Hotline)],
            a.Compliance.Select(f => (f.Party, f.Rule)));
        Assert.Contains(a.Timeline, t => t.Kind == ActKindNames.IncidentStatement && t.Party == "rus");
        Assert.Equal(159, demo.Output.Size);
    }
}
