using Deconflict.Declare;
using Deconflict.Detect;
using Deconflict.Geo;

namespace Deconflict.Tests.Detect;

public sealed class ResolutionSearchTests
{
    private static readonly DateTimeOffset T0 = new(2020, 8, 26, 7, 0, 0, TimeSpan.Zero);
    private static readonly Wgs84 Crossing = Wgs84.FromLonLat(42.2, 37.2);

    private static Movement Site(string id, string party, DateTimeOffset from, DateTimeOffset to) =>
        Movement.StaticSite(id, PartyId.From(party), Crossing, TimeWindow.FromStartEnd(from, to), Distance.Zero, TimeSpan.Zero, AltitudeBand.Ground);

    [Fact]
    public void Suggest_BlockedForTwentyMinutes_DelayAndAdvanceJustClear()
    {
        var index = new ConflictIndex(ConflictRules.Default);
        index.Insert(Site("ru", "ru", T0, T0 + TimeSpan.FromMinutes(20)));
        // Ours holds 10 min starting at T0 + 5; the windows are closed, so clearing needs a strict gap.
        var resolution = ResolutionSearch.Suggest(index, Site("us", "us", T0 + TimeSpan.FromMinutes(5), T0 + TimeSpan.FromMinutes(15)), 60);
        Assert.Equal(16, resolution.DelayMinutes);
        Assert.Equal(16, resolution.AdvanceMinutes);
        Assert.Empty(resolution.Remaining);
    }

    [Fact]
    public void Suggest_NoConflict_ZeroShift()
    {
        var resolution = ResolutionSearch.Suggest(new ConflictIndex(ConflictRules.Default), Site("us", "us", T0, T0), 60);
        Assert.Equal(0, resolution.DelayMinutes);
        Assert.Equal(0, resolution.BestShiftMinutes);
    }

    [Fact]
    public void Suggest_BeyondHorizon_ReportsRemainingConflicts()
    {
        var index = new ConflictIndex(ConflictRules.Default);
        index.Insert(Site("ru", "ru", T0, T0 + TimeSpan.FromHours(10)));
        index.Insert(Site("tr", "tr", T0 + TimeSpan.FromHours(5), T0 + TimeSpan.FromHours(5) + TimeSpan.FromMinutes(10)));
        var resolution = ResolutionSearch.Suggest(index, Site("us", "us", T0 + TimeSpan.FromHours(5), T0 + TimeSpan.FromHours(5) + TimeSpan.FromMinutes(5)), 30);
        Assert.Null(resolution.DelayMinutes);
        Assert.Null(resolution.AdvanceMinutes);
        Assert.Equal("ru", Assert.Single(resolution.Remaining).B);
        Assert.Equal(-6, resolution.BestShiftMinutes);
    }
}
