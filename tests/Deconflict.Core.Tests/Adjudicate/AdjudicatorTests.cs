using Deconflict.Adjudicate;
using static Deconflict.Tests.Adjudicate.LedgerScript;

namespace Deconflict.Tests.Adjudicate;

public sealed class AdjudicatorTests
{
    private static readonly (double, double, double)[] NorthRoad = [(42.10, 37.17, 0), (42.16, 37.17, 60)];
    private static readonly (double, double, double)[] SouthRoad = [(42.10, 37.16, 0), (42.16, 37.16, 60)];

    private static Adjudication Run(LedgerScript s) => Adjudicator.Run(Terms(), s.Acts, Incident());

    private static (string Party, string Rule, DateTimeOffset At, string Text, long[] Entries, string? Tracks)[] Rows(IEnumerable<Finding> findings) =>
        [.. findings.Select(f => (f.Party, f.Rule, f.At, f.Text, f.Entries.ToArray(), f.Tracks))];

    [Fact]
    public void Run_EveryoneComplied_NoFindingsAndEachComplianceCited()
    {
        var s = new LedgerScript();
        var usa = s.Declare("usa", At(-120), "usa-patrol-1", SouthRoad, ["usa-mrap-1"]);
        var usaChecked = s.Checked(At(-120), "usa-patrol-1", []);
        var rus = s.Declare("rus", At(-119), "rus-convoy-1", NorthRoad, ["rus-btr-1"]);
        var rusChecked = s.Checked(At(-119), "rus-convoy-1", ["usa"]);
        var approve = s.Answer("usa", At(-110), ActKindNames.Approve, RequestId("rus-convoy-1", "usa"));
        s.Track("usa", "usa-mrap-1", Line(0, 60, (42.10, 37.16), (42.16, 37.16)));
        s.Track("rus", "rus-btr-1", Line(0, 60, (42.10, 37.17), (42.16, 37.17)), signed: false);

        var result = Run(s);

        Assert.Empty(result.Findings);
        Assert.Equal(
            [
                ("usa", Rules.Notice, At(-120), "declared usa-patrol-1 at 2020-08-25T05:00:00.000Z, 120 min before its start at 2020-08-25T07:00:00.000Z; the arrangement asks 60 min", [usa], null),
                ("rus", Rules.Notice, At(-119), "declared rus-convoy-1 at 2020-08-25T05:01:00.000Z, 119 min before its start at 2020-08-25T07:00:00.000Z; the arrangement asks 60 min", [rus], null),
                ("rus", Rules.RequestSent, At(-119), "passage request rus-convoy-1~v1~usa for rus-convoy-1 sent to usa at 2020-08-25T05:01:00.000Z, deadline 2020-08-25T05:16:00.000Z", [rus, rusChecked], null),
                ("usa", Rules.RequestAnswer, At(-110), "answered rus-convoy-1~v1~usa from rus (approved) at 2020-08-25T05:10:00.000Z, within its deadline 2020-08-25T05:16:00.000Z", [rusChecked, approve], null),
            ],
            Rows(result.Compliance));
        Assert.True(usaChecked > usa);
        Assert.Equal(2, result.Movements.Count);
        Assert.Equal(122, result.Points.Count);
    }

    [Fact]
    public void Run_ShortNoticeUnansweredAndMovedUncleared_FindingsOnBothSides()
    {
        var s = new LedgerScript();
        var declare = s.Declare("rus", At(-5), "rus-convoy-1", NorthRoad, ["rus-btr-1"]);
        var check = s.Checked(At(-5), "rus-convoy-1", ["usa"]);
        var track = s.Track("rus", "rus-btr-1", Line(0, 10, (42.10, 37.17), (42.11, 37.17)));
        var escalate = s.Escalate(At(10), RequestId("rus-convoy-1", "usa"));

        var result = Run(s);

        Assert.Equal(
            [
                ("rus", Rules.Notice, At(-5), "declared rus-convoy-1 at 2020-08-25T06:55:00.000Z, 5 min before its start at 2020-08-25T07:00:00.000Z; the arrangement asks 60 min", [declare], null),
                ("rus", Rules.MovedUncleared, At(0), "rus-btr-1 moved from 2020-08-25T07:00:00.000Z to 2020-08-25T07:10:00.000Z (11 report(s)) while rus-convoy-1 was declared, not cleared (requests rus-convoy-1~v1~usa not granted)", [declare, check, track], "signed"),
                ("usa", Rules.RequestAnswer, At(10), "left rus-convoy-1~v1~usa from rus unanswered by its deadline 2020-08-25T07:10:00.000Z (never acknowledged; 1 escalation(s))", [check, escalate], null),
            ],
            Rows(result.Findings));
        Assert.Contains(result.Compliance, f => f is { Party: "rus", Rule: Rules.RequestSent });
    }

    [Fact]
    public void Run_AcknowledgedButNeverAnswered_ComplianceForReceiptBreachForAnswer()
    {
        var s = new LedgerScript();
        s.Declare("rus", At(-90), "rus-convoy-1", NorthRoad, ["rus-btr-1"]);
        var check = s.Checked(At(-90), "rus-convoy-1", ["usa"]);
        var ack = s.Answer("usa", At(-88), ActKindNames.Acknowledge, RequestId("rus-convoy-1", "usa"));
        var escalate = s.Escalate(At(-75), RequestId("rus-convoy-1", "usa"));

        var result = Run(s);

        Assert.Equal(
            [("usa", Rules.RequestAnswer, At(-75), "left rus-convoy-1~v1~usa from rus unanswered by its deadline 2020-08-25T05:45:00.000Z (acknowledged at 2020-08-25T05:32:00.000Z; 1 escalation(s))", [check, ack, escalate], null)],
            Rows(result.Findings));
        Assert.Contains(result.Compliance, f => f.Party == "usa" && f.Rule == Rules.RequestAnswer && f.Entries.SequenceEqual([check, ack])
            && f.Text == "acknowledged receipt of rus-convoy-1~v1~usa from rus at 2020-08-25T05:32:00.000Z, 2 min after it was sent");
    }

    [Fact]
    public void Run_MovedAfterDenial_MovedDespiteDenialCitingTheDenial()
    {
        var s = new LedgerScript();
        var declare = s.Declare("rus", At(-120), "rus-convoy-1", NorthRoad, ["rus-btr-1"]);
        var check = s.Checked(At(-120), "rus-convoy-1", ["usa"]);
        var deny = s.Answer("usa", At(-115), ActKindNames.Deny, RequestId("rus-convoy-1", "usa"), "joint patrol on the road");
        var track = s.Track("rus", "rus-btr-1", Line(0, 5, (42.10, 37.17), (42.105, 37.17)), signed: false);

        var result = Run(s);

        Assert.Equal(
            [("rus", Rules.MovedDespiteDenial, At(0), "rus-btr-1 moved from 2020-08-25T07:00:00.000Z to 2020-08-25T07:05:00.000Z (6 report(s)) while rus-convoy-1 denied by usa at 2020-08-25T05:05:00.000Z", [declare, deny, track], "attested")],
            Rows(result.Findings));
        Assert.Contains(result.Compliance, f => f.Party == "usa" && f.Rule == Rules.RequestAnswer && f.Entries.SequenceEqual([check, deny]));
    }

    [Fact]
    public void Run_UndeclaredHelicopterAttested_MovedUndeclared()
    {
        var s = new LedgerScript();
        var track = s.Track("rus", "rus-mi8-1", Line(0, 3, (42.12, 37.17), (42.13, 37.16)), signed: false, altM: 40);

        var result = Run(s);

        Assert.Equal(
            [("rus", Rules.MovedUndeclared, At(0), "rus-mi8-1 moved from 2020-08-25T07:00:00.000Z to 2020-08-25T07:03:00.000Z (4 report(s)) while no movement declared for it", [track], "attested")],
            Rows(result.Findings));
        Assert.Single(result.Timeline, i => i.Index == track && i.Kind == ActKindNames.TrackAttested && i.Party == "operator");
    }

    [Fact]
    public void Run_ConvoyLeavesRoadAndClosesOnHaltedPatrol_ClosingCorridorProximityAgainstTheConvoy()
    {
        var s = new LedgerScript();
        s.Declare("usa", At(-120), "usa-patrol-1", [(42.10, 37.16, 0), (42.13, 37.16, 20), (42.13, 37.16, 30), (42.16, 37.16, 50)], ["usa-mrap-1"]);
        s.Checked(At(-120), "usa-patrol-1", []);
        var rusDeclare = s.Declare("rus", At(-120), "rus-convoy-1", NorthRoad, ["rus-btr-1"]);
        s.Checked(At(-120), "rus-convoy-1", ["usa"]);
        s.Answer("usa", At(-118), ActKindNames.Approve, RequestId("rus-convoy-1", "usa"));
        var usaTrack = s.Track("usa", "usa-mrap-1", [.. Line(0, 20, (42.10, 37.16), (42.13, 37.16)), .. Line(21, 30, (42.13, 37.16), (42.13, 37.16))]);
        var road = s.Track("rus", "rus-btr-1", Line(0, 20, (42.10, 37.17), (42.12, 37.17)));
        var field = s.Track("rus", "rus-btr-1", [.. Line(21, 24, (42.1225, 37.167625), (42.13, 37.1605)), .. Line(25, 30, (42.13, 37.1605), (42.13, 37.1605))]);

        var result = Run(s);

        var rows = Rows(result.Findings);
        Assert.Equal([("rus", Rules.Closing), ("rus", Rules.OutsideCorridor), ("rus", Rules.Proximity)], rows.Select(r => (r.Party, r.Rule)));
        var closing = rows[0];
        Assert.Equal(At(20), closing.At);
        Assert.StartsWith("rus-btr-1 closed on usa's usa-mrap-1 from 2020-08-25T07:20:00.000Z to 2020-08-25T07:24:00.000Z at 5.", closing.Text);
        Assert.Equal([usaTrack, road, field], closing.Entries);
        Assert.Equal("signed", closing.Tracks);
        var corridor = rows[1];
        Assert.Equal(At(21), corridor.At);
        Assert.StartsWith("rus-btr-1 left the corridor of rus-convoy-1 from 2020-08-25T07:21:00.000Z to 2020-08-25T07:30:00.000Z (10 report(s)): up to 1", corridor.Text);
        Assert.Equal([rusDeclare, field], corridor.Entries);
        var proximity = rows[2];
        Assert.Equal(At(24), proximity.At);
        Assert.Matches(@"^rus-btr-1 came within 5\d m of usa's usa-mrap-1 at 2020-08-25T07:24:00.000Z \(threshold 100 m\); from 14\d\d m at 2020-08-25T07:20:00.000Z: rus-btr-1's own motion closed 13\d\d m, usa-mrap-1's 0 m$", proximity.Text);
        Assert.Contains(result.Compliance, f => f is { Party: "usa", Rule: Rules.Proximity, Tracks: "signed" });
    }

    [Fact]
    public void Run_PatrolMovingAwayOutrun_Pursued()
    {
        var s = new LedgerScript();
        s.Declare("usa", At(-120), "usa-patrol-1", SouthRoad, ["usa-mrap-1"]);
        s.Checked(At(-120), "usa-patrol-1", []);
        s.Track("usa", "usa-mrap-1", Line(0, 10, (42.10, 37.16), (42.11, 37.16)));
        s.Track("rus", "rus-btr-1", Line(0, 10, (42.07, 37.16), (42.1095, 37.16)), signed: false);

        var result = Run(s);

        var pursuit = Assert.Single(result.Findings, f => f.Rule == Rules.Closing);
        Assert.Equal("rus", pursuit.Party);
        Assert.Equal("rus-btr-1 pursued usa's usa-mrap-1 from 2020-08-25T07:01:00.000Z to 2020-08-25T07:10:00.000Z at 5.7 m/s of its own (limit 5.0 m/s), down to 44 m; from 2403 m at 2020-08-25T07:01:00.000Z: rus-btr-1's own motion closed 3069 m, usa-mrap-1's -799 m", pursuit.Text);
        Assert.Equal("attested", Assert.Single(result.Findings, f => f.Rule == Rules.MovedUndeclared).Tracks);
        Assert.Contains(result.Findings, f => f is { Party: "rus", Rule: Rules.Proximity });
        Assert.Contains(result.Findings, f => f.Party == "rus" && f.Rule == Rules.NoPassageRequest && f.Text.EndsWith("with no passage request to usa (no movement declared)", StringComparison.Ordinal));
        Assert.Equal("signed+attested", pursuit.Tracks);
    }

    [Fact]
    public void Run_BehindScheduleInsideCorridor_BehindSchedule()
    {
        var s = new LedgerScript();
        var declare = s.Declare("usa", At(-120), "usa-patrol-1", SouthRoad, ["usa-mrap-1"]);
        s.Checked(At(-120), "usa-patrol-1", []);
        var track = s.Track("usa", "usa-mrap-1", Line(10, 20, (42.10, 37.16), (42.11, 37.16)));

        var result = Run(s);

        var row = Assert.Single(Rows(result.Findings));
        Assert.Equal(("usa", Rules.BehindSchedule, At(10)), (row.Party, row.Rule, row.At));
        Assert.Equal("usa-patrol-1", result.Movements.Single().Id);
        Assert.Equal("usa-mrap-1 was behind the schedule of usa-patrol-1 from 2020-08-25T07:10:00.000Z to 2020-08-25T07:20:00.000Z (11 report(s)): up to 600 s late (tolerance 300 s)", row.Text);
        Assert.Equal([declare, track], row.Entries);
    }

    [Fact]
    public void Run_HotlineCall_CompliantForTheCaller()
    {
        var s = new LedgerScript();
        var call = s.Hotline("usa", At(50), "rus", "collision near al-Malikiyah; four injured");

        var result = Run(s);

        Assert.Empty(result.Findings);
        Assert.Equal([("usa", Rules.Hotline, At(50), "called rus on the hotline at 2020-08-25T07:50:00.000Z: collision near al-Malikiyah; four injured", new[] { call }, (string?)null)], Rows(result.Compliance));
    }

    [Fact]
    public void Run_EntriesOutsideScope_Ignored()
    {
        var s = new LedgerScript();
        s.Track("rus", "rus-btr-1", Line(200, 210, (42.10, 37.17), (42.11, 37.17)));
        s.Track("rus", "rus-btr-2", Line(0, 10, (43.10, 37.17), (43.11, 37.17)));

        var result = Run(s);

        Assert.Empty(result.Findings);
        Assert.Empty(result.Points);
        Assert.Empty(result.Timeline);
    }

    [Fact]
    public void Run_ShuffledEntries_SameJson()
    {
        var s = new LedgerScript();
        s.Declare("rus", At(-5), "rus-convoy-1", NorthRoad, ["rus-btr-1"]);
        s.Checked(At(-5), "rus-convoy-1", ["sdf", "usa"]);
        s.Track("rus", "rus-btr-1", Line(0, 10, (42.10, 37.17), (42.11, 37.17)));
        s.Track("usa", "usa-mrap-1", Line(0, 10, (42.11, 37.1695), (42.11, 37.1695)));
        s.Escalate(At(10), RequestId("rus-convoy-1", "sdf"));
        s.Escalate(At(10), RequestId("rus-convoy-1", "usa"));

        var ordered = AdjudicationJson.WriteText(Adjudicator.Run(Terms(), s.Acts, Incident()));
        var shuffled = AdjudicationJson.WriteText(Adjudicator.Run(Terms(), [.. s.Acts.OrderBy(a => (a.Index * 7919) % 13)], Incident()));

        Assert.Equal(ordered, shuffled);
        Assert.Contains("\"rule\": \"proximity\"", ordered, StringComparison.Ordinal);
    }
}
