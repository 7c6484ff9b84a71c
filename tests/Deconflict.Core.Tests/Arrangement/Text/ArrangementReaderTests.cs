using System.Text.Json;
using Deconflict.Arrangement;
using Deconflict.Arrangement.Text;
using Deconflict.Declare;

namespace Deconflict.Tests.Arrangement.Text;

public sealed class ArrangementReaderTests
{
    private const string Document = """
        {"version":2,"parties":[{"name":"usa","key":"usa+1+AA"},{"name":"sdf","key":"sdf+1+AA"},{"name":"rus","key":"rus+1+AA"}],
         "coalitions":[["usa","sdf"]],"minimumNoticeS":3600,"separationM":{"ground|ground":500},"responseDeadlineS":900,
         "escalationChain":["duty-officer","hotline"],"proximityM":{"air|ground":150},"closingSpeedMps":3,"closingDurationS":30}
        """;

    [Fact]
    public void Read_FullDocument_EveryTerm()
    {
        var terms = ArrangementReader.Read(JsonDocument.Parse(Document).RootElement);

        Assert.Equal(2, terms.Version);
        Assert.Equal(["usa", "sdf", "rus"], terms.Parties.Select(p => p.Id.Name));
        Assert.True(terms.AreAllies(PartyId.From("usa"), PartyId.From("sdf")));
        Assert.False(terms.AreAllies(PartyId.From("usa"), PartyId.From("rus")));
        Assert.Equal(TimeSpan.FromHours(1), terms.MinimumNotice);
        Assert.Equal(500, terms.SeparationFor(KindPair.Of("ground", "ground")).Metres);
        Assert.Equal(TimeSpan.FromMinutes(15), terms.ResponseDeadline);
        Assert.Equal(["duty-officer", "hotline"], terms.EscalationChain);
        Assert.Equal(150, terms.ProximityThresholds[KindPair.Of("ground", "air")].Metres);
        Assert.Equal(3, terms.ClosingSpeedMetresPerSecond);
        Assert.Equal(TimeSpan.FromSeconds(30), terms.ClosingDuration);
    }

    [Fact]
    public void Read_MissingDeadline_ArrangementInvalid()
    {
        var e = Assert.Throws<ArrangementException>(() => ArrangementReader.Read(JsonDocument.Parse("""{"version":1,"parties":[],"minimumNoticeS":1}""").RootElement));

        Assert.Equal("arrangement.invalid", e.Code);
    }

    [Fact]
    public void Read_EscalationNotEndingWithHotline_RuleBrokenNamesTheField()
    {
        var e = Assert.Throws<ArrangementException>(() => ArrangementReader.Read(JsonDocument.Parse(Document.Replace("\"hotline\"]", "\"theatre\"]", StringComparison.Ordinal)).RootElement));

        Assert.Equal("escalationChain", e.Field);
    }
}
