using System.Globalization;
using System.Text.Json;
using Deconflict.Server.Acts;
using Deconflict.Server.Projection;

namespace Deconflict.Server.Live;

/// <summary>One position report of a registered unit, as <c>track.batch</c>, <c>track.attested</c> and
/// <c>POST /v1/tracks</c> carry it: <c>{"unit","time","lon","lat","altM","speedMps"?,"courseDeg"?}</c>.</summary>
/// <param name="Unit">The unit's id (not its CoT uid).</param>
/// <param name="Time">When the unit was there, UTC.</param>
/// <param name="Longitude">Degrees, WGS 84, in [-180, 180].</param>
/// <param name="Latitude">Degrees, WGS 84, in [-90, 90].</param>
/// <param name="AltitudeMetres">Metres above the ellipsoid (0 when unknown).</param>
/// <param name="SpeedMetresPerSecond">Reported speed, if any.</param>
/// <param name="CourseDegrees">Reported course clockwise from true north, if any.</param>
/// <threadsafety>This type is immutable.</threadsafety>
internal sealed record TrackReport(string Unit, DateTimeOffset Time, double Longitude, double Latitude, double AltitudeMetres, double? SpeedMetresPerSecond, double? CourseDegrees)
{
    /// <summary>Reads one report, failing with <c>act.invalid-body</c> and the field's path.</summary>
    /// <exception cref="Problems.ActException">A field is missing or out of range.</exception>
    public static TrackReport FromJson(JsonElement json, string path)
    {
        if (json.ValueKind != JsonValueKind.Object)
        {
            throw ActBody.Invalid(path, $"{path} should be an object");
        }

        var longitude = Number(json, "lon", path, -180, 180)!.Value;
        var latitude = Number(json, "lat", path, -90, 90)!.Value;
        return new TrackReport(
            ActBody.Text(json, "unit"), ActBody.Instant(json, "time"), longitude, latitude,
            Number(json, "altM", path, -1_000, 100_000, optional: true) ?? 0,
            Number(json, "speedMps", path, 0, 10_000, optional: true),
            Number(json, "courseDeg", path, 0, 360, optional: true));
    }

    /// <summary>Writes the report as the JSON object <see cref="FromJson"/> reads.</summary>
    public void WriteTo(Utf8JsonWriter writer)
    {
        writer.WriteStartObject();
        writer.WriteString("unit", Unit);
        writer.WriteString("time", ConflictRecord.Iso(Time));
        writer.WriteNumber("lon", Longitude);
        writer.WriteNumber("lat", Latitude);
        writer.WriteNumber("altM", AltitudeMetres);
        if (SpeedMetresPerSecond is { } speed)
        {
            writer.WriteNumber("speedMps", speed);
        }

        if (CourseDegrees is { } course)
        {
            writer.WriteNumber("courseDeg", course);
        }

        writer.WriteEndObject();
    }

    private static double? Number(JsonElement json, string name, string path, double min, double max, bool optional = false)
    {
        if (!json.TryGetProperty(name, out var v) || v.ValueKind == JsonValueKind.Null)
        {
            return optional ? null : throw ActBody.Invalid($"{path}.{name}", $"{path}.{name} is required");
        }

        return v.ValueKind == JsonValueKind.Number && v.GetDouble() is var d && d >= min && d <= max
            ? d
            : throw ActBody.Invalid($"{path}.{name}", string.Create(CultureInfo.InvariantCulture, $"{path}.{name} should be a number in [{min}, {max}]"));
    }
}
