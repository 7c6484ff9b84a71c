using System.Globalization;
using Deconflict.Geo;

namespace Deconflict.Declare;

/// <summary>
/// The stable error codes of declared movements and the errors that carry them: one factory per rule of DESIGN.md's
/// movement file format.
/// </summary>
/// <threadsafety>All members are safe to call from any thread.</threadsafety>
public static class MovementErrors
{
    /// <summary>The line is not valid JSON.</summary>
    public const string MalformedJsonCode = "json.malformed";

    /// <summary>The line is longer than the size limit.</summary>
    public const string TooLargeCode = "feature.too-large";

    /// <summary>The JSON is not a GeoJSON Feature.</summary>
    public const string NotFeatureCode = "feature.not-feature";

    /// <summary>A required property is missing or of the wrong JSON type.</summary>
    public const string MissingCode = "feature.field-missing";

    /// <summary>The id is missing, empty or longer than 256 characters.</summary>
    public const string IdInvalidCode = "feature.id-invalid";

    /// <summary>Another feature already has this id.</summary>
    public const string DuplicateIdCode = "movement.duplicate-id";

    /// <summary>The party is missing or not a valid party name.</summary>
    public const string PartyInvalidCode = "movement.party-invalid";

    /// <summary>The kind is not one of ground, air, static, zone.</summary>
    public const string KindInvalidCode = "movement.kind-invalid";

    /// <summary>The geometry type does not fit the kind (routes are LineStrings, sites Points, zones Polygons).</summary>
    public const string KindGeometryMismatchCode = "movement.kind-geometry-mismatch";

    /// <summary>A coordinate is outside WGS 84 ranges or not a number.</summary>
    public const string CoordinateOutOfRangeCode = "geometry.coordinate-out-of-range";

    /// <summary>A route has fewer than 2 vertices or a ring fewer than 4.</summary>
    public const string TooFewVerticesCode = "geometry.too-few-vertices";

    /// <summary>A polygon ring does not end where it starts.</summary>
    public const string UnclosedCode = "zone.polygon-unclosed";

    /// <summary>A polygon ring crosses or touches itself.</summary>
    public const string SelfIntersectingCode = "zone.polygon-self-intersecting";

    /// <summary>A polygon has holes, which zones do not support.</summary>
    public const string HolesCode = "zone.polygon-holes";

    /// <summary>A route has no <c>times</c>.</summary>
    public const string TimesMissingCode = "movement.times-missing";

    /// <summary>A time is not an ISO 8601 UTC instant.</summary>
    public const string TimesUnparsableCode = "movement.times-unparsable";

    /// <summary>A time is before the previous one.</summary>
    public const string TimesNotMonotonicCode = "movement.times-not-monotonic";

    /// <summary><c>times</c> does not have one instant per vertex.</summary>
    public const string TimesCountMismatchCode = "movement.times-count-mismatch";

    /// <summary>A width, standoff or tolerance is negative or not finite.</summary>
    public const string NegativeCode = "movement.negative-value";

    /// <summary>An altitude band has its low end above its high end, or is not two finite numbers.</summary>
    public const string AltitudeInvalidCode = "movement.altitude-invalid";

    /// <summary><c>validTo</c> is before <c>validFrom</c>.</summary>
    public const string ValidityInvertedCode = "movement.validity-inverted";

    internal static DeconflictException Malformed(string message, long? column) => new(MalformedJsonCode, message, column: column);

    internal static DeconflictException TooLarge(long bytes, long limit) =>
        new(TooLargeCode, string.Create(CultureInfo.InvariantCulture, $"The feature is {bytes} bytes; the limit is {limit}"), value: bytes.ToString(CultureInfo.InvariantCulture));

    internal static DeconflictException NotFeature(string? type) => new(NotFeatureCode, "Each line should be a GeoJSON Feature", "type", type);

    internal static DeconflictException Missing(string field, string expected) => new(MissingCode, $"Expected {expected}", field);

    internal static DeconflictException IdInvalid(string? id) => new(IdInvalidCode, "A feature id should be a string of 1-256 characters", "id", id);

    internal static DeconflictException DuplicateId(string id) => new(DuplicateIdCode, "Another feature already has this id", "id", id);

    internal static DeconflictException PartyMissing() => new(PartyInvalidCode, "A feature should name its party", "properties.party");

    internal static DeconflictException PartyInvalid(string? party) =>
        new(PartyInvalidCode, "A party name should be 1-64 characters of [A-Za-z0-9._-]", "properties.party", party);

    internal static DeconflictException KindInvalid(string? kind) =>
        new(KindInvalidCode, "The kind should be one of ground, air, static, zone", "properties.kind", kind);

    internal static DeconflictException KindGeometryMismatch(string kind, string geometry) =>
        new(KindGeometryMismatchCode, "ground and air are LineStrings, static is a Point, zone is a Polygon", "geometry.type", $"{geometry} for {kind}");

    internal static DeconflictException CoordinateOutOfRange(string field, double longitude, double latitude) =>
        new(CoordinateOutOfRangeCode, "Longitude should be in [-180, 180] and latitude in [-90, 90]", field,
            string.Create(CultureInfo.InvariantCulture, $"[{longitude}, {latitude}]"));

    internal static DeconflictException TooFewVertices(string field, int count, int minimum) =>
        new(TooFewVerticesCode, string.Create(CultureInfo.InvariantCulture, $"Expected at least {minimum} vertices"), field, count.ToString(CultureInfo.InvariantCulture));

    internal static DeconflictException Unclosed(Wgs84 first, Wgs84 last) =>
        new(UnclosedCode, "A polygon ring should end with its first vertex", "geometry.coordinates[0]", $"{first} .. {last}");

    internal static DeconflictException SelfIntersecting(int edge, int other) =>
        new(SelfIntersectingCode, "A polygon ring should not cross or touch itself", "geometry.coordinates[0]",
            string.Create(CultureInfo.InvariantCulture, $"edges {edge} and {other}"));

    internal static DeconflictException Holes() => new(HolesCode, "Zones are one outer ring without holes", "geometry.coordinates");

    internal static DeconflictException TimesMissing() => new(TimesMissingCode, "A route needs one UTC time per vertex", "properties.times");

    internal static DeconflictException TimesUnparsable(int index, string? text) =>
        new(TimesUnparsableCode, "Expected an ISO 8601 UTC instant such as 2020-08-26T07:00:00Z", Field("properties.times", index), text);

    internal static DeconflictException TimesNotMonotonic(int index, DateTimeOffset time) =>
        new(TimesNotMonotonicCode, "Times should not decrease along the route", Field("properties.times", index),
            time.UtcDateTime.ToString("yyyy-MM-ddTHH:mm:ss.fffZ", CultureInfo.InvariantCulture));

    internal static DeconflictException TimesCountMismatch(int times, int vertices) =>
        new(TimesCountMismatchCode, string.Create(CultureInfo.InvariantCulture, $"Expected {vertices} times, one per vertex"), "properties.times",
            times.ToString(CultureInfo.InvariantCulture));

    internal static DeconflictException Negative(string field, double value) =>
        new(NegativeCode, "Expected a finite number not below 0", field, value.ToString(CultureInfo.InvariantCulture));

    internal static DeconflictException AltitudeInvalid(string value) =>
        new(AltitudeInvalidCode, "Expected [low, high] in metres with low not above high", "properties.altitudeM", value);

    internal static DeconflictException ValidityInverted(DateTimeOffset from, DateTimeOffset to) =>
        new(ValidityInvertedCode, "validTo should not be before validFrom", "properties.validTo",
            to.UtcDateTime.ToString("yyyy-MM-ddTHH:mm:ss.fffZ", CultureInfo.InvariantCulture) + " < " + from.UtcDateTime.ToString("yyyy-MM-ddTHH:mm:ss.fffZ", CultureInfo.InvariantCulture));

    private static string Field(string path, int index) => string.Create(CultureInfo.InvariantCulture, $"{path}[{index}]");
}
