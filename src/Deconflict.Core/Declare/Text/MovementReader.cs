using System.Globalization;
using System.Text;
using System.Text.Json;
using Deconflict.Geo;
using NetTopologySuite.Geometries;
using NetTopologySuite.IO.Converters;

namespace Deconflict.Declare.Text;

/// <summary>
/// Reads movements from the GeoJSON form of DESIGN.md ("Movement file format"): one Feature per line of an
/// <c>.ndjson</c> file, or one Feature as a <see cref="JsonElement"/> (an API body).
/// </summary>
/// <remarks>
/// <para>Every line gives one <see cref="ParseResult{T}"/>: the movement, or an error naming the line, the field path,
/// a stable code (<see cref="MovementErrors"/>) and the bad value. A bad line does not stop the next ones unless
/// <see cref="MovementReaderOptions.Strict"/> is set. Blank lines are skipped. Geometries are materialised by
/// NetTopologySuite's GeoJSON reader after the coordinate arrays are checked, so the errors name our fields.</para>
/// </remarks>
/// <threadsafety>All members are safe to call from any thread; each enumeration has its own duplicate-id set.</threadsafety>
public static class MovementReader
{
    private static readonly JsonSerializerOptions GeoJson = new() { Converters = { new GeoJsonConverterFactory() } };

    /// <summary>Reads every line of <paramref name="reader"/> lazily.</summary>
    /// <exception cref="DeconflictException">In strict mode, at the first bad line.</exception>
    public static IEnumerable<ParseResult<Movement>> ReadLines(TextReader reader, MovementReaderOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(reader);
        return ReadLines(Lines(reader), options);
    }

    /// <summary>Reads each string as one line of a movement file, lazily, numbering lines from 1.</summary>
    /// <exception cref="DeconflictException">In strict mode, at the first bad line.</exception>
    public static IEnumerable<ParseResult<Movement>> ReadLines(IEnumerable<string> lines, MovementReaderOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(lines);
        options ??= MovementReaderOptions.Default;

        // Implementation note: LINQ rather than an iterator method, whose generated code reads Environment (thread id),
        // which Core's no-I/O convention test forbids. The state is created once per enumeration by the outer lambda.
        return Enumerable.Repeat(lines, 1).SelectMany(source =>
        {
            var seen = new HashSet<string>(StringComparer.Ordinal);
            long number = 0;
            return source.Select(line => Next(line, ++number, options, seen)).Where(r => r is not null).Select(r => r!);
        });
    }

    private static ParseResult<Movement>? Next(string line, long number, MovementReaderOptions options, HashSet<string> seen)
    {
        if (string.IsNullOrWhiteSpace(line))
        {
            return null;
        }

        var result = ReadLine(line, number, options);
        if (result.Success && !seen.Add(result.Value.Id))
        {
            result = ParseResult<Movement>.ForError(MovementErrors.DuplicateId(result.Value.Id).AtLine(number), number);
        }

        return !result.Success && options.Strict ? throw result.Error! : result;
    }

    /// <summary>Reads one line of a movement file.</summary>
    public static ParseResult<Movement> ReadLine(string line, long lineNumber, MovementReaderOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(line);
        options ??= MovementReaderOptions.Default;
        var bytes = Encoding.UTF8.GetByteCount(line);
        if (bytes > options.MaxFeatureBytes)
        {
            return ParseResult<Movement>.ForError(MovementErrors.TooLarge(bytes, options.MaxFeatureBytes).AtLine(lineNumber), lineNumber);
        }

        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(line);
        }
        catch (JsonException e)
        {
            // System.Text.Json's message ends with its own 0-based position; ours is 1-based and in the fields.
            var message = e.Message.Split(" LineNumber:", 2)[0];
            return ParseResult<Movement>.ForError(MovementErrors.Malformed(message, (e.BytePositionInLine ?? 0) + 1).AtLine(lineNumber), lineNumber);
        }

        using (document)
        {
            var result = ReadFeature(document.RootElement);
            return result.Success ? ParseResult<Movement>.ForValue(result.Value, lineNumber)
                : ParseResult<Movement>.ForError(result.Error!.AtLine(lineNumber), lineNumber);
        }
    }

    /// <summary>Reads one GeoJSON Feature, such as the body of an API request.</summary>
    public static ParseResult<Movement> ReadFeature(JsonElement feature)
    {
        try
        {
            return ParseResult<Movement>.ForValue(Feature(feature));
        }
        catch (DeconflictException e)
        {
            return ParseResult<Movement>.ForError(e);
        }
    }

    private static IEnumerable<string> Lines(TextReader reader) =>
        Enumerable.Repeat(reader, int.MaxValue).Select(r => r.ReadLine()).TakeWhile(l => l is not null).Select(l => l!);

    // Implementation note: the per-feature checks throw DeconflictException, caught once by ReadFeature, so that each
    // rule is one line here; a failing line costs one exception, the common case none.
    private static Movement Feature(JsonElement feature)
    {
        if (feature.ValueKind != JsonValueKind.Object)
        {
            throw MovementErrors.NotFeature(feature.ValueKind.ToString());
        }

        var type = OptionalString(feature, "type", "type");
        if (type != "Feature")
        {
            throw MovementErrors.NotFeature(type);
        }

        var id = feature.TryGetProperty("id", out var idElement) && idElement.ValueKind == JsonValueKind.String ? idElement.GetString() : null;
        if (string.IsNullOrEmpty(id) || id.Length > 256)
        {
            throw MovementErrors.IdInvalid(idElement.ValueKind == JsonValueKind.Undefined ? null : idElement.GetRawText());
        }

        var properties = Required(feature, "properties", JsonValueKind.Object, "properties", "an object");
        var partyText = OptionalString(properties, "party", "properties.party") ?? throw MovementErrors.PartyMissing();
        PartyId party;
        try
        {
            party = PartyId.From(partyText);
        }
        catch (ArgumentException)
        {
            throw MovementErrors.PartyInvalid(partyText);
        }

        var kindText = OptionalString(properties, "kind", "properties.kind");
        var kind = kindText switch
        {
            "ground" => MovementKind.Ground,
            "air" => MovementKind.Air,
            "static" => MovementKind.Static,
            "zone" => MovementKind.Zone,
            _ => throw MovementErrors.KindInvalid(kindText),
        };

        var geometryElement = Required(feature, "geometry", JsonValueKind.Object, "geometry", "a GeoJSON geometry object");
        var geometryType = OptionalString(geometryElement, "type", "geometry.type");
        var expected = kind switch { MovementKind.Static => "Point", MovementKind.Zone => "Polygon", _ => "LineString" };
        if (geometryType != expected)
        {
            throw MovementErrors.KindGeometryMismatch(kindText!, geometryType ?? "null");
        }

        var coordinates = Required(geometryElement, "coordinates", JsonValueKind.Array, "geometry.coordinates", "an array of positions");
        CheckCoordinates(kind, coordinates);
        var geometry = Materialise(geometryElement);

        var tolerance = NonNegative(properties, "toleranceS", 0);
        var altitude = Altitude(properties);
        var units = Units(properties);
        var toleranceSpan = TimeSpan.FromSeconds(tolerance);

        switch (kind)
        {
            case MovementKind.Static:
            {
                var point = (Point)geometry;
                return Movement.StaticSite(id, party, Wgs84.FromLonLat(point.X, point.Y), Validity(properties),
                    Distance.FromMetres(NonNegative(properties, "halfWidthM", 0)), toleranceSpan, altitude, units);
            }

            case MovementKind.Zone:
            {
                var ring = ((Polygon)geometry).ExteriorRing.Coordinates.Select(c => Wgs84.FromLonLat(c.X, c.Y));
                return Movement.Zone(id, party, ring, Validity(properties),
                    Distance.FromMetres(NonNegative(properties, "standoffM", 0)), toleranceSpan, altitude, units);
            }

            default:
            {
                var vertices = ((LineString)geometry).Coordinates;
                var times = Times(properties, vertices.Length);
                var route = vertices.Select((c, i) => new Waypoint(Wgs84.FromLonLat(c.X, c.Y), times[i]));
                return Movement.Route(id, party, kind, route, Distance.FromMetres(NonNegative(properties, "halfWidthM", 0)), toleranceSpan, altitude, units);
            }
        }
    }

    private static void CheckCoordinates(MovementKind kind, JsonElement coordinates)
    {
        switch (kind)
        {
            case MovementKind.Static:
                Position(coordinates, "geometry.coordinates");
                break;
            case MovementKind.Zone:
                var rings = coordinates.GetArrayLength();
                if (rings == 0)
                {
                    throw MovementErrors.TooFewVertices("geometry.coordinates[0]", 0, 4);
                }

                if (rings > 1)
                {
                    throw MovementErrors.Holes();
                }

                var ring = coordinates[0];
                if (ring.ValueKind != JsonValueKind.Array)
                {
                    throw MovementErrors.Missing("geometry.coordinates[0]", "an array of positions");
                }

                var positions = Positions(ring, "geometry.coordinates[0]");
                if (positions.Count < 4)
                {
                    throw MovementErrors.TooFewVertices("geometry.coordinates[0]", positions.Count, 4);
                }

                if (positions[0] != positions[^1])
                {
                    throw MovementErrors.Unclosed(positions[0], positions[^1]);
                }

                break;
            default:
                var count = Positions(coordinates, "geometry.coordinates").Count;
                if (count < 2)
                {
                    throw MovementErrors.TooFewVertices("geometry.coordinates", count, 2);
                }

                break;
        }
    }

    private static List<Wgs84> Positions(JsonElement array, string path)
    {
        var list = new List<Wgs84>(array.GetArrayLength());
        var i = 0;
        foreach (var position in array.EnumerateArray())
        {
            list.Add(Position(position, string.Create(CultureInfo.InvariantCulture, $"{path}[{i++}]")));
        }

        return list;
    }

    private static Wgs84 Position(JsonElement position, string path)
    {
        if (position.ValueKind != JsonValueKind.Array || position.GetArrayLength() < 2
            || position[0].ValueKind != JsonValueKind.Number || position[1].ValueKind != JsonValueKind.Number)
        {
            throw MovementErrors.Missing(path, "a position [lon, lat]");
        }

        var longitude = position[0].GetDouble();
        var latitude = position[1].GetDouble();
        if (!(longitude is >= -180 and <= 180) || !(latitude is >= -90 and <= 90))
        {
            throw MovementErrors.CoordinateOutOfRange(path, longitude, latitude);
        }

        return Wgs84.FromLonLat(longitude, latitude);
    }

    private static Geometry Materialise(JsonElement geometry)
    {
        try
        {
            return geometry.Deserialize<Geometry>(GeoJson) ?? throw MovementErrors.Missing("geometry", "a GeoJSON geometry object");
        }
        catch (Exception e) when (e is JsonException or ArgumentException or InvalidOperationException)
        {
            throw new DeconflictException(MovementErrors.MissingCode, "Not a valid GeoJSON geometry: " + e.Message, "geometry");
        }
    }

    private static DateTimeOffset[] Times(JsonElement properties, int vertices)
    {
        if (!properties.TryGetProperty("times", out var times) || times.ValueKind == JsonValueKind.Null)
        {
            throw MovementErrors.TimesMissing();
        }

        if (times.ValueKind != JsonValueKind.Array)
        {
            throw MovementErrors.Missing("properties.times", "an array of ISO 8601 UTC instants");
        }

        var result = new DateTimeOffset[times.GetArrayLength()];
        var i = 0;
        foreach (var time in times.EnumerateArray())
        {
            result[i] = Instant(time, string.Create(CultureInfo.InvariantCulture, $"properties.times[{i}]"), i);
            if (i > 0 && result[i] < result[i - 1])
            {
                throw MovementErrors.TimesNotMonotonic(i, result[i]);
            }

            i++;
        }

        if (result.Length != vertices)
        {
            throw MovementErrors.TimesCountMismatch(result.Length, vertices);
        }

        return result;
    }

    private static DateTimeOffset Instant(JsonElement element, string path, int index)
    {
        var text = element.ValueKind == JsonValueKind.String ? element.GetString() : element.GetRawText();
        if (element.ValueKind != JsonValueKind.String || text is null || !text.Contains('T', StringComparison.Ordinal)
            || !DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var instant))
        {
            throw index >= 0 ? MovementErrors.TimesUnparsable(index, text)
                : new DeconflictException(MovementErrors.TimesUnparsableCode, "Expected an ISO 8601 UTC instant such as 2020-08-26T07:00:00Z", path, text);
        }

        return instant;
    }

    private static TimeWindow Validity(JsonElement properties)
    {
        var from = Instant(Required(properties, "validFrom", JsonValueKind.String, "properties.validFrom", "an ISO 8601 UTC instant"), "properties.validFrom", -1);
        var to = Instant(Required(properties, "validTo", JsonValueKind.String, "properties.validTo", "an ISO 8601 UTC instant"), "properties.validTo", -1);
        return to < from ? throw MovementErrors.ValidityInverted(from, to) : TimeWindow.FromStartEnd(from, to);
    }

    private static double NonNegative(JsonElement properties, string name, double fallback)
    {
        if (!properties.TryGetProperty(name, out var element) || element.ValueKind == JsonValueKind.Null)
        {
            return fallback;
        }

        var path = "properties." + name;
        if (element.ValueKind != JsonValueKind.Number)
        {
            throw MovementErrors.Missing(path, "a number");
        }

        var value = element.GetDouble();
        return value >= 0 && double.IsFinite(value) ? value : throw MovementErrors.Negative(path, value);
    }

    private static AltitudeBand Altitude(JsonElement properties)
    {
        if (!properties.TryGetProperty("altitudeM", out var element) || element.ValueKind == JsonValueKind.Null)
        {
            return AltitudeBand.Ground;
        }

        if (element.ValueKind != JsonValueKind.Array || element.GetArrayLength() != 2
            || element[0].ValueKind != JsonValueKind.Number || element[1].ValueKind != JsonValueKind.Number)
        {
            throw MovementErrors.AltitudeInvalid(element.GetRawText());
        }

        var low = element[0].GetDouble();
        var high = element[1].GetDouble();
        return double.IsFinite(low) && double.IsFinite(high) && low <= high
            ? AltitudeBand.FromMetres(low, high) : throw MovementErrors.AltitudeInvalid(element.GetRawText());
    }

    private static string[] Units(JsonElement properties)
    {
        if (!properties.TryGetProperty("units", out var element) || element.ValueKind == JsonValueKind.Null)
        {
            return [];
        }

        if (element.ValueKind != JsonValueKind.Array || element.EnumerateArray().Any(u => u.ValueKind != JsonValueKind.String))
        {
            throw MovementErrors.Missing("properties.units", "an array of strings");
        }

        return element.EnumerateArray().Select(u => u.GetString()!).ToArray();
    }

    private static JsonElement Required(JsonElement parent, string name, JsonValueKind kind, string path, string expected) =>
        parent.TryGetProperty(name, out var element) && element.ValueKind == kind ? element : throw MovementErrors.Missing(path, expected);

    private static string? OptionalString(JsonElement parent, string name, string path)
    {
        if (!parent.TryGetProperty(name, out var element) || element.ValueKind == JsonValueKind.Null)
        {
            return null;
        }

        return element.ValueKind == JsonValueKind.String ? element.GetString() : throw MovementErrors.Missing(path, "a string");
    }
}
