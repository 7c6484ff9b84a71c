using Deconflict.Declare;
using Deconflict.Declare.Generation;
using Deconflict.Declare.Text;
using Deconflict.Geo;

namespace Deconflict.Tests.Declare.Generation;

public sealed class TheatreGeneratorTests
{
    private static readonly TheatreOptions Options = new() { Seed = 7, Movements = 400, Parties = 5 };

    [Fact]
    public void Generate_SameSeed_SameTheatre() =>
        Assert.Equal(TheatreGenerator.Generate(Options).Select(MovementWriter.ToLine), TheatreGenerator.Generate(Options).Select(MovementWriter.ToLine));

    [Fact]
    public void Generate_DifferentSeed_DifferentTheatre() =>
        Assert.NotEqual(TheatreGenerator.Generate(Options).Select(MovementWriter.ToLine), TheatreGenerator.Generate(Options with { Seed = 8 }).Select(MovementWriter.ToLine));

    [Fact]
    public void Generate_WrittenAndReadBack_ReadsEveryLineToTheSameText()
    {
        var lines = TheatreGenerator.Generate(Options).Select(MovementWriter.ToLine).ToList();
        var read = MovementReader.ReadLines(lines).ToList();
        Assert.All(read, r => Assert.True(r.Success, r.Error?.Message));
        Assert.Equal(lines, read.Select(r => MovementWriter.ToLine(r.Value)));
    }

    [Fact]
    public void Generate_Mix_HasEveryKindAndParty()
    {
        var theatre = TheatreGenerator.Generate(Options).ToList();
        Assert.Equal(4, theatre.Select(m => m.Kind).Distinct().Count());
        Assert.Equal(5, theatre.Select(m => m.Party).Distinct().Count());
        Assert.InRange(theatre.Count(m => m.Kind == MovementKind.Ground), 150, 250);
    }

    [Theory]
    [InlineData(MovementKind.Ground, 20, 80)]
    [InlineData(MovementKind.Air, 150, 300)]
    public void Generate_Routes_LegSpeedsWithinKindRange(MovementKind kind, double minKmh, double maxKmh)
    {
        foreach (var m in TheatreGenerator.Generate(Options).Where(m => m.Kind == kind))
        {
            for (var i = 1; i < m.Waypoints.Count; i++)
            {
                var kmh = Geodesic.Between(m.Waypoints[i - 1].Position, m.Waypoints[i].Position).Metres / 1000
                    / (m.Waypoints[i].Time - m.Waypoints[i - 1].Time).TotalHours;
                Assert.InRange(kmh, minKmh * 0.99, maxKmh * 1.01);
            }
        }
    }

    // A regression pin: the theatre must not depend on per-process hash seeds, or benchmarks and files would differ per run.
    [Fact]
    public void Movement_SeedOne_IsPinnedAcrossProcesses() =>
        Assert.Equal("p6-ground-0", TheatreGenerator.Movement(new TheatreOptions { Seed = 1, Parties = 8 }, 0).Id);

    [Fact]
    public void Movement_FiftyWaypoints_HasFiftyWaypoints() =>
        Assert.Equal(50, TheatreGenerator.Movement(Options, 1, MovementKind.Ground, 50).Waypoints.Count);
}
