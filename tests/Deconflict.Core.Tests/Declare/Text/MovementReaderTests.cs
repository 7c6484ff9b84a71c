using System.Text.Json;
using Deconflict.Declare;
using Deconflict.Declare.Text;

namespace Deconflict.Tests.Declare.Text;

public sealed class MovementReaderTests
{
    private const string Patrol =
        """{"type":"Feature","id":"us-patrol-7","geometry":{"type":"LineString","coordinates":[[42.1012,37.1668],[42.1550,37.1731]]},"properties":{"party":"us","kind":"ground","times":["2020-08-26T07:00:00Z","2020-08-26T07:20:00Z"],"halfWidthM":100,"toleranceS":600,"altitudeM":[0,0],"units":["us-mrap-1","us-mrap-2"]}}""";

    private const string Zone =
        """{"type":"Feature","id":"ru-zone-1","geometry":{"type":"Polygon","coordinates":[[[42,37],[42.2,37],[42.2,37.2],[42,37.2],[42,37]]]},"properties":{"party":"ru","kind":"zone","validFrom":"2020-08-26T06:00:00Z","validTo":"2020-08-26T18:00:00Z","standoffM":500,"altitudeM":[0,3000]}}""";

    private const string Site =
        """{"type":"Feature","id":"un-camp","geometry":{"type":"Point","coordinates":[42.3,37.3]},"properties":{"party":"un","kind":"static","validFrom":"2020-08-26T00:00:00Z","validTo":"2020-08-27T00:00:00Z","halfWidthM":250}}""";

    [Fact]
    public void ReadLine_DesignExample_ReadsEveryField()
    {
        var movement = MovementReader.ReadLine(Patrol, 1).Value;
        Assert.Equal("us-patrol-7", movement.Id);
        Assert.Equal(PartyId.From("us"), movement.Party);
        Assert.Equal(MovementKind.Ground, movement.Kind);
        Assert.Equal(2, movement.Waypoints.Count);
        Assert.Equal(42.1550, movement.Waypoints[1].Position.Longitude);
        Assert.Equal(new DateTimeOffset(2020, 8, 26, 7, 20, 0, TimeSpan.Zero), movement.Waypoints[1].Time);
        Assert.Equal(100, movement.HalfWidth.Metres);
        Assert.Equal(TimeSpan.FromMinutes(10), movement.Tolerance);
        Assert.Equal(["us-mrap-1", "us-mrap-2"], movement.Units);
    }

    [Fact]
    public void ReadLine_Zone_ReadsRingValidityAndStandoff()
    {
        var zone = MovementReader.ReadLine(Zone, 1).Value;
        Assert.Equal(MovementKind.Zone, zone.Kind);
        Assert.Equal(5, zone.Polygon.Count);
        Assert.Equal(500, zone.HalfWidth.Metres);
        Assert.Equal(3000, zone.Altitude.High);
        Assert.Equal(TimeSpan.FromHours(12), zone.Validity!.Value.Duration);
    }

    [Fact]
    public void ReadLine_StaticSite_DefaultsToleranceAndAltitude()
    {
        var site = MovementReader.ReadLine(Site, 1).Value;
        Assert.Equal(MovementKind.Static, site.Kind);
        Assert.Equal(42.3, site.Site.Longitude);
        Assert.Equal(TimeSpan.Zero, site.Tolerance);
        Assert.Equal(Deconflict.Geo.AltitudeBand.Ground, site.Altitude);
    }

    [Theory]
    [InlineData("not json", "json.malformed", null)]
    [InlineData("""{"type":"FeatureCollection"}""", "feature.not-feature", "type")]
    [InlineData("""{"type":"Feature","geometry":null,"properties":{}}""", "feature.id-invalid", "id")]
    [InlineData("""{"type":"Feature","id":"x","geometry":{"type":"Point","coordinates":[1,1]},"properties":{"kind":"static"}}""", "movement.party-invalid", "properties.party")]
    [InlineData("""{"type":"Feature","id":"x","geometry":{"type":"Point","coordinates":[1,1]},"properties":{"party":"a b","kind":"static"}}""", "movement.party-invalid", "properties.party")]
    [InlineData("""{"type":"Feature","id":"x","geometry":{"type":"Point","coordinates":[1,1]},"properties":{"party":"us","kind":"boat"}}""", "movement.kind-invalid", "properties.kind")]
    [InlineData("""{"type":"Feature","id":"x","geometry":{"type":"Point","coordinates":[1,1]},"properties":{"party":"us","kind":"ground"}}""", "movement.kind-geometry-mismatch", "geometry.type")]
    [InlineData("""{"type":"Feature","id":"x","geometry":{"type":"LineString","coordinates":[[1,1],[181,1]]},"properties":{"party":"us","kind":"ground","times":["2020-08-26T07:00:00Z","2020-08-26T07:20:00Z"]}}""", "geometry.coordinate-out-of-range", "geometry.coordinates[1]")]
    [InlineData("""{"type":"Feature","id":"x","geometry":{"type":"LineString","coordinates":[[1,1],[1,-90.5]]},"properties":{"party":"us","kind":"ground","times":["2020-08-26T07:00:00Z","2020-08-26T07:20:00Z"]}}""", "geometry.coordinate-out-of-range", "geometry.coordinates[1]")]
    [InlineData("""{"type":"Feature","id":"x","geometry":{"type":"LineString","coordinates":[[1,1]]},"properties":{"party":"us","kind":"ground","times":["2020-08-26T07:00:00Z"]}}""", "geometry.too-few-vertices", "geometry.coordinates")]
    [InlineData("""{"type":"Feature","id":"x","geometry":{"type":"LineString","coordinates":[[1,1],[1,2]]},"properties":{"party":"us","kind":"ground"}}""", "movement.times-missing", "properties.times")]
    [InlineData("""{"type":"Feature","id":"x","geometry":{"type":"LineString","coordinates":[[1,1],[1,2]]},"properties":{"party":"us","kind":"ground","times":["2020-08-26T07:00:00Z","tomorrow"]}}""", "movement.times-unparsable", "properties.times[1]")]
    [InlineData("""{"type":"Feature","id":"x","geometry":{"type":"LineString","coordinates":[[1,1],[1,2]]},"properties":{"party":"us","kind":"ground","times":["2020-08-26T07:20:00Z","2020-08-26T07:00:00Z"]}}""", "movement.times-not-monotonic", "properties.times[1]")]
    [InlineData("""{"type":"Feature","id":"x","geometry":{"type":"LineString","coordinates":[[1,1],[1,2],[1,3]]},"properties":{"party":"us","kind":"ground","times":["2020-08-26T07:00:00Z","2020-08-26T07:20:00Z"]}}""", "movement.times-count-mismatch", "properties.times")]
    [InlineData("""{"type":"Feature","id":"x","geometry":{"type":"LineString","coordinates":[[1,1],[1,2]]},"properties":{"party":"us","kind":"ground","times":["2020-08-26T07:00:00Z","2020-08-26T07:20:00Z"],"halfWidthM":-1}}""", "movement.negative-value", "properties.halfWidthM")]
    [InlineData("""{"type":"Feature","id":"x","geometry":{"type":"LineString","coordinates":[[1,1],[1,2]]},"properties":{"party":"us","kind":"ground","times":["2020-08-26T07:00:00Z","2020-08-26T07:20:00Z"],"toleranceS":-60}}""", "movement.negative-value", "properties.toleranceS")]
    [InlineData("""{"type":"Feature","id":"x","geometry":{"type":"LineString","coordinates":[[1,1],[1,2]]},"properties":{"party":"us","kind":"air","times":["2020-08-26T07:00:00Z","2020-08-26T07:20:00Z"],"altitudeM":[3000,1000]}}""", "movement.altitude-invalid", "properties.altitudeM")]
    [InlineData("""{"type":"Feature","id":"x","geometry":{"type":"Polygon","coordinates":[[[42,37],[42.2,37],[42.2,37.2],[42,37.2]]]},"properties":{"party":"ru","kind":"zone","validFrom":"2020-08-26T06:00:00Z","validTo":"2020-08-26T18:00:00Z"}}""", "zone.polygon-unclosed", "geometry.coordinates[0]")]
    [InlineData("""{"type":"Feature","id":"x","geometry":{"type":"Polygon","coordinates":[[[42,37],[42.2,37.2],[42.2,37],[42,37.2],[42,37]]]},"properties":{"party":"ru","kind":"zone","validFrom":"2020-08-26T06:00:00Z","validTo":"2020-08-26T18:00:00Z"}}""", "zone.polygon-self-intersecting", "geometry.coordinates[0]")]
    [InlineData("""{"type":"Feature","id":"x","geometry":{"type":"Polygon","coordinates":[[[42,37],[42.2,37],[42,37]]]},"properties":{"party":"ru","kind":"zone","validFrom":"2020-08-26T06:00:00Z","validTo":"2020-08-26T18:00:00Z"}}""", "geometry.too-few-vertices", "geometry.coordinates[0]")]
    [InlineData("""{"type":"Feature","id":"x","geometry":{"type":"Polygon","coordinates":[[[42,37],[42.2,37],[42.2,37.2],[42,37]]]},"properties":{"party":"ru","kind":"zone","validFrom":"2020-08-26T18:00:00Z","validTo":"2020-08-26T06:00:00Z"}}""", "movement.validity-inverted", "properties.validTo")]
    [InlineData("""{"type":"Feature","id":"x","geometry":{"type":"Point","coordinates":[1,1]},"properties":{"party":"us","kind":"static","validFrom":"2020-08-26T18:00:00Z"}}""", "feature.field-missing", "properties.validTo")]
    public void ReadLine_RuleBroken_ReportsCodeFieldAndLine(string line, string code, string? field)
    {
        var result = MovementReader.ReadLine(line, 7);
        Assert.False(result.Success);
        Assert.Equal(code, result.Error!.Code);
        Assert.Equal(field, result.Error.Field);
        Assert.Equal(7, result.Error.Line);
        Assert.Equal(7, result.Line);
        Assert.Contains("line 7", result.Error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ReadLine_MalformedJson_ReportsColumn()
    {
        var error = MovementReader.ReadLine("""{"type":"Feature",}""", 3).Error!;
        Assert.Equal(3, error.Line);
        Assert.NotNull(error.Column);
    }

    [Fact]
    public void ReadLine_BadTime_CarriesTheBadValue() =>
        Assert.Equal("tomorrow", MovementReader.ReadLine(Patrol.Replace("2020-08-26T07:20:00Z", "tomorrow", StringComparison.Ordinal), 1).Error!.Value);

    [Fact]
    public void ReadLine_OverSizeLimit_FailsWithTooLarge()
    {
        var result = MovementReader.ReadLine(Patrol, 1, new MovementReaderOptions { MaxFeatureBytes = 100 });
        Assert.Equal("feature.too-large", result.Error!.Code);
    }

    [Fact]
    public void ReadLines_BadLineBetweenGoodOnes_ReadsTheGoodOnes()
    {
        var results = MovementReader.ReadLines([Patrol, "garbage", "", Zone]).ToList();
        Assert.Equal(3, results.Count);
        Assert.True(results[0].Success);
        Assert.Equal(2, results[1].Error!.Line);
        Assert.Equal(4, results[2].Line);
        Assert.True(results[2].Success);
    }

    [Fact]
    public void ReadLines_DuplicateId_FailsTheSecondNamingId()
    {
        var results = MovementReader.ReadLines([Patrol, Patrol]).ToList();
        Assert.True(results[0].Success);
        Assert.Equal("movement.duplicate-id", results[1].Error!.Code);
        Assert.Equal("id", results[1].Error!.Field);
        Assert.Equal("us-patrol-7", results[1].Error!.Value);
        Assert.Equal(2, results[1].Error!.Line);
    }

    [Fact]
    public void ReadLines_StrictMode_ThrowsAtFirstBadLine()
    {
        var error = Assert.Throws<DeconflictException>(() =>
            MovementReader.ReadLines([Patrol, Site, "[1]", Zone], new MovementReaderOptions { Strict = true }).ToList());
        Assert.Equal(3, error.Line);
    }

    [Fact]
    public void ReadFeature_ApiBody_ReadsWithoutLine()
    {
        using var document = JsonDocument.Parse(Site);
        var result = MovementReader.ReadFeature(document.RootElement);
        Assert.Equal("un-camp", result.Value.Id);
        Assert.Equal(0, result.Line);
    }

    [Fact]
    public void ParseResult_ValueOfFailure_ThrowsTheError()
    {
        var result = MovementReader.ReadLine("nope", 1);
        Assert.Same(result.Error, Assert.Throws<DeconflictException>(() => result.Value));
    }
}
