using Deconflict.Declare;
using Deconflict.Detect;
using Deconflict.Geo;

namespace Deconflict.Tests.Detect;

public sealed class ConflictIndexTests
{
    private static readonly DateTimeOffset T0 = new(2020, 8, 26, 7, 0, 0, TimeSpan.Zero);
    private static readonly PartyId Us = PartyId.From("us");
    private static readonly PartyId Ru = PartyId.From("ru");
    private static readonly PartyId Tr = PartyId.From("tr");

    // Two convoys on the same road in opposite directions, as in the incident DESIGN.md is built around.
    private static Movement Convoy(string id, PartyId party, bool eastbound, TimeSpan delay = default, double halfWidth = 100) =>
        Movement.Route(id, party, MovementKind.Ground,
            eastbound
                ? [new Waypoint(Wgs84.FromLonLat(42.1012, 37.1668), T0 + delay), new Waypoint(Wgs84.FromLonLat(42.1550, 37.1731), T0 + delay + TimeSpan.FromMinutes(20))]
                : [new Waypoint(Wgs84.FromLonLat(42.1550, 37.1731), T0 + delay), new Waypoint(Wgs84.FromLonLat(42.1012, 37.1668), T0 + delay + TimeSpan.FromMinutes(20))],
            Distance.FromMetres(halfWidth), TimeSpan.Zero, AltitudeBand.Ground);

    [Fact]
    public void Query_OpposingConvoysOnOneRoad_ConflictMidRoadAtMidTime()
    {
        var index = new ConflictIndex(ConflictRules.Default);
        index.Insert(Convoy("ru-1", Ru, eastbound: false));
        var conflict = Assert.Single(index.Query(Convoy("us-1", Us, eastbound: true)));
        Assert.Equal("us-1", conflict.A);
        Assert.Equal("ru-1", conflict.B);
        Assert.True(conflict.MinSeparationMetres < -199, conflict.ToString());
        Assert.InRange(conflict.Start, T0 + TimeSpan.FromMinutes(9), T0 + TimeSpan.FromMinutes(10));
        Assert.InRange(conflict.End, T0 + TimeSpan.FromMinutes(10), T0 + TimeSpan.FromMinutes(11));
        // Any point of the overlap (DESIGN.md): on the pieces that meet mid-road, 9/20 to 11/20 of the way along.
        Assert.InRange(conflict.Point.Longitude, 42.1253, 42.1309);
        Assert.NotEmpty(conflict.PiecesOfB);
        Assert.True(conflict.PiecesOfB.Count < 5, "only the conflicting stretch of B is disclosed");
    }

    [Fact]
    public void Query_SameParty_NoConflict()
    {
        var index = new ConflictIndex(ConflictRules.Default);
        index.Insert(Convoy("us-2", Us, eastbound: false));
        Assert.Empty(index.Query(Convoy("us-1", Us, eastbound: true)));
    }

    [Fact]
    public void Query_Coalition_NoConflict()
    {
        var index = new ConflictIndex(ConflictRules.Default.WithCoalition([Us, Tr]));
        index.Insert(Convoy("tr-1", Tr, eastbound: false));
        index.Insert(Convoy("ru-1", Ru, eastbound: false));
        Assert.Equal("ru-1", Assert.Single(index.Query(Convoy("us-1", Us, eastbound: true))).B);
    }

    [Fact]
    public void Query_Delayed_WindowsApart_NoConflict()
    {
        var index = new ConflictIndex(ConflictRules.Default);
        index.Insert(Convoy("ru-1", Ru, eastbound: false));
        Assert.Empty(index.Query(Convoy("us-1", Us, eastbound: true, TimeSpan.FromMinutes(25))));
    }

    [Fact]
    public void Query_SitesWithTouchingWindows_Conflict()
    {
        var index = new ConflictIndex(ConflictRules.Default);
        var site = Wgs84.FromLonLat(42.2, 37.2);
        index.Insert(Movement.StaticSite("ru-camp", Ru, site, TimeWindow.FromStartEnd(T0, T0 + TimeSpan.FromHours(1)), Distance.Zero, TimeSpan.Zero, AltitudeBand.Ground));
        var touching = Movement.StaticSite("us-camp", Us, site, TimeWindow.FromStartEnd(T0 + TimeSpan.FromHours(1), T0 + TimeSpan.FromHours(2)), Distance.Zero, TimeSpan.Zero, AltitudeBand.Ground);
        var conflict = Assert.Single(index.Query(touching));
        Assert.Equal(conflict.Start, conflict.End);
        Assert.Equal(0, conflict.MinSeparationMetres);
    }

    [Fact]
    public void Query_AircraftAboveGroundConvoy_NoConflict()
    {
        var index = new ConflictIndex(ConflictRules.Default);
        index.Insert(Convoy("ru-1", Ru, eastbound: false));
        var flight = Movement.Route("us-air", Us, MovementKind.Air,
            [new Waypoint(Wgs84.FromLonLat(42.1012, 37.1668), T0), new Waypoint(Wgs84.FromLonLat(42.1550, 37.1731), T0 + TimeSpan.FromMinutes(20))],
            Distance.FromMetres(100), TimeSpan.Zero, AltitudeBand.FromMetres(1000, 2000));
        Assert.Empty(index.Query(flight));
    }

    [Fact]
    public void Query_ConvoyThroughZone_ConflictAtZeroDistance()
    {
        var index = new ConflictIndex(ConflictRules.Default);
        Wgs84[] ring = [Wgs84.FromLonLat(42.12, 37.16), Wgs84.FromLonLat(42.13, 37.16), Wgs84.FromLonLat(42.13, 37.18), Wgs84.FromLonLat(42.12, 37.18), Wgs84.FromLonLat(42.12, 37.16)];
        index.Insert(Movement.Zone("ru-zone", Ru, ring, TimeWindow.FromStartEnd(T0, T0 + TimeSpan.FromHours(6)), Distance.Zero, TimeSpan.Zero, AltitudeBand.FromMetres(0, 500)));
        var conflict = Assert.Single(index.Query(Convoy("us-1", Us, eastbound: true, halfWidth: 0)));
        Assert.Equal(0, conflict.MinSeparationMetres);
        Assert.Equal(5, Assert.Single(conflict.PiecesOfB).Vertices.Count);
    }

    [Fact]
    public void Query_SeparationBetweenKinds_WidensThreshold()
    {
        var parallel = Movement.Route("ru-1", Ru, MovementKind.Ground,
            [new Waypoint(Wgs84.FromLonLat(42.1012, 37.1768), T0), new Waypoint(Wgs84.FromLonLat(42.1550, 37.1831), T0 + TimeSpan.FromMinutes(20))],
            Distance.FromMetres(100), TimeSpan.Zero, AltitudeBand.Ground);
        var strict = new ConflictIndex(ConflictRules.Default.WithSeparation(MovementKind.Ground, MovementKind.Ground, Distance.FromMetres(1000)));
        var lax = new ConflictIndex(ConflictRules.Default);
        strict.Insert(parallel);
        lax.Insert(parallel);
        var us = Convoy("us-1", Us, eastbound: true);
        Assert.Single(strict.Query(us));
        Assert.Empty(lax.Query(us));
    }

    [Fact]
    public void Remove_StoredMovement_NoLongerConflicts()
    {
        var index = new ConflictIndex(ConflictRules.Default);
        index.Insert(Convoy("ru-1", Ru, eastbound: false));
        Assert.True(index.Remove("ru-1"));
        Assert.False(index.Remove("ru-1"));
        Assert.Equal(0, index.Count);
        Assert.Empty(index.Query(Convoy("us-1", Us, eastbound: true)));
    }

    [Fact]
    public void Amend_DelayedVersion_ReplacesTheOld()
    {
        var index = new ConflictIndex(ConflictRules.Default);
        index.Insert(Convoy("ru-1", Ru, eastbound: false));
        index.Amend(Convoy("ru-1", Ru, eastbound: false, TimeSpan.FromHours(2)));
        Assert.Equal(1, index.Count);
        Assert.Empty(index.Query(Convoy("us-1", Us, eastbound: true)));
    }

    [Fact]
    public void Insert_DuplicateId_ThrowsNamingId()
    {
        var index = new ConflictIndex(ConflictRules.Default);
        index.Insert(Convoy("ru-1", Ru, eastbound: false));
        var error = Assert.Throws<DeconflictException>(() => index.Insert(Convoy("ru-1", Ru, eastbound: true)));
        Assert.Equal("movement.duplicate-id", error.Code);
    }

    [Fact]
    public void Query_StoredVersionOfItself_Ignored()
    {
        var index = new ConflictIndex(ConflictRules.Default);
        index.Insert(Convoy("us-1", Ru, eastbound: false));
        Assert.Empty(index.Query(Convoy("us-1", Us, eastbound: true)));
    }

    [Fact]
    public void InsertRange_GeneratedTheatre_SameAnswersAsInsertOneByOne()
    {
        var options = new Deconflict.Declare.Generation.TheatreOptions { Seed = 3, Movements = 3_000, Side = Distance.FromMetres(50_000) };
        var theatre = Deconflict.Declare.Generation.TheatreGenerator.Generate(options).ToArray();
        var one = new ConflictIndex(ConflictRules.Default);
        foreach (var m in theatre)
        {
            one.Insert(m);
        }

        var bulk = new ConflictIndex(ConflictRules.Default);
        bulk.InsertRange(theatre);
        Assert.Equal(one.Count, bulk.Count);
        var probes = Enumerable.Range(0, 20).Select(i => Deconflict.Declare.Generation.TheatreGenerator.RoadConvoy(options with { Seed = 4 }, i, 50));
        foreach (var probe in probes)
        {
            Assert.Equal(one.Query(probe).Select(c => c.ToString()), bulk.Query(probe).Select(c => c.ToString()));
        }
    }

    [Fact]
    public void Query_GeneratedTheatre_ZoneDiscsGiveTheFullCheckAnswers()
    {
        // Dense enough that probes cross many zones: every field, point and disclosed piece must be bit for bit the same.
        var options = new Deconflict.Declare.Generation.TheatreOptions { Seed = 7, Movements = 4_000, Side = Distance.FromMetres(40_000) };
        var theatre = Deconflict.Declare.Generation.TheatreGenerator.Generate(options).ToArray();
        var discs = new ConflictIndex(ConflictRules.Default);
        var full = new ConflictIndex(ConflictRules.Default) { ZoneDiscs = false };
        discs.InsertRange(theatre);
        full.InsertRange(theatre);
        var zones = 0;
        foreach (var probe in Enumerable.Range(0, 40).Select(i => Deconflict.Declare.Generation.TheatreGenerator.RoadConvoy(options with { Seed = 8 }, i, 50)))
        {
            var expected = full.Query(probe);
            var actual = discs.Query(probe);
            Assert.Equal(expected.Count, actual.Count);
            for (var i = 0; i < expected.Count; i++)
            {
                var (e, a) = (expected[i], actual[i]);
                Assert.Equal((e.A, e.B, e.Start, e.End, e.MinSeparationMetres, e.Point), (a.A, a.B, a.Start, a.End, a.MinSeparationMetres, a.Point));
                Assert.Equal(e.PiecesOfA.Select(p => p.Index), a.PiecesOfA.Select(p => p.Index));
                Assert.Equal(e.PiecesOfB.Select(p => p.Index), a.PiecesOfB.Select(p => p.Index));
                zones += discs.Find(e.B)!.Kind == MovementKind.Zone ? 1 : 0;
            }
        }

        Assert.True(zones > 100, $"{zones} zone conflicts");
    }

    [Fact]
    public void Remove_TwoThirdsOfGeneratedTheatre_SameAnswersAsIndexOfTheRest()
    {
        // Enough removals to empty grid blocks, recycle vertex pages and compact the vertex store.
        var options = new Deconflict.Declare.Generation.TheatreOptions { Seed = 5, Movements = 6_000, Side = Distance.FromMetres(30_000) };
        var theatre = Deconflict.Declare.Generation.TheatreGenerator.Generate(options).ToArray();
        var churned = new ConflictIndex(ConflictRules.Default);
        churned.InsertRange(theatre);
        foreach (var m in theatre.Where((_, i) => i % 3 != 0))
        {
            Assert.True(churned.Remove(m.Id));
        }

        var kept = theatre.Where((_, i) => i % 3 == 0).ToArray();
        var fresh = new ConflictIndex(ConflictRules.Default);
        foreach (var m in kept)
        {
            fresh.Insert(m);
        }

        Assert.Equal(kept.Length, churned.Count);
        var probes = Enumerable.Range(0, 20).Select(i => Deconflict.Declare.Generation.TheatreGenerator.RoadConvoy(options with { Seed = 6 }, i, 50)).ToArray();
        Assert.Contains(probes, p => fresh.Query(p).Count > 0);
        foreach (var probe in probes)
        {
            Assert.Equal(fresh.Query(probe).Select(c => c.ToString()), churned.Query(probe).Select(c => c.ToString()));
        }

        // Stored again after the churn, the removed movements are found again.
        foreach (var m in theatre.Where((_, i) => i % 3 != 0))
        {
            churned.Insert(m);
        }

        var full = new ConflictIndex(ConflictRules.Default);
        full.InsertRange(theatre);
        foreach (var probe in probes)
        {
            Assert.Equal(full.Query(probe).Select(c => c.ToString()), churned.Query(probe).Select(c => c.ToString()));
        }
    }

    [Fact]
    public void InsertRange_RepeatedId_StoresNothing()
    {
        var index = new ConflictIndex(ConflictRules.Default);
        Assert.Throws<DeconflictException>(() => index.InsertRange([Convoy("ru-1", Ru, eastbound: false), Convoy("ru-1", Ru, eastbound: true)]));
        Assert.Equal(0, index.Count);
    }
}
