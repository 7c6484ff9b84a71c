using System.Buffers;
using System.Globalization;
using System.Text;
using System.Text.Json;
using Deconflict.Geo;

namespace Deconflict.Declare.Text;

/// <summary>Writes movements in the GeoJSON Feature form of DESIGN.md, which <see cref="MovementReader"/> reads back
/// to an equal movement (times to the millisecond, coordinates round-tripped exactly).</summary>
/// <threadsafety>All members are safe to call from any thread.</threadsafety>
public static class MovementWriter
{
    /// <summary>The feature as one line of an <c>.ndjson</c> file, without the line break.</summary>
    public static string ToLine(Movement movement)
    {
        var buffer = new ArrayBufferWriter<byte>(512);
        using (var writer = new Utf8JsonWriter(buffer))
        {
            Write(movement, writer);
        }

        return Encoding.UTF8.GetString(buffer.WrittenSpan);
    }

    /// <summary>Writes the feature as a JSON object.</summary>
    public static void Write(Movement movement, Utf8JsonWriter writer)
    {
        ArgumentNullException.ThrowIfNull(movement);
        ArgumentNullException.ThrowIfNull(writer);
        writer.WriteStartObject();
        writer.WriteString("type", "Feature");
        writer.WriteString("id", movement.Id);
        writer.WriteStartObject("geometry");
        switch (movement.Kind)
        {
            case MovementKind.Static:
                writer.WriteString("type", "Point");
                writer.WritePropertyName("coordinates");
                Position(writer, movement.Site);
                break;
            case MovementKind.Zone:
                writer.WriteString("type", "Polygon");
                writer.WriteStartArray("coordinates");
                writer.WriteStartArray();
                foreach (var vertex in movement.Polygon)
                {
                    Position(writer, vertex);
                }

                writer.WriteEndArray();
                writer.WriteEndArray();
                break;
            default:
                writer.WriteString("type", "LineString");
                writer.WriteStartArray("coordinates");
                foreach (var waypoint in movement.Waypoints)
                {
                    Position(writer, waypoint.Position);
                }

                writer.WriteEndArray();
                break;
        }

        writer.WriteEndObject();
        writer.WriteStartObject("properties");
        writer.WriteString("party", movement.Party.Name);
        writer.WriteString("kind", movement.Kind switch
        {
            MovementKind.Ground => "ground",
            MovementKind.Air => "air",
            MovementKind.Static => "static",
            _ => "zone",
        });
        if (movement.Validity is { } validity)
        {
            writer.WriteString("validFrom", Iso(validity.Start));
            writer.WriteString("validTo", Iso(validity.End));
        }
        else
        {
            writer.WriteStartArray("times");
            foreach (var waypoint in movement.Waypoints)
            {
                writer.WriteStringValue(Iso(waypoint.Time));
            }

            writer.WriteEndArray();
        }

        writer.WriteNumber(movement.Kind == MovementKind.Zone ? "standoffM" : "halfWidthM", movement.HalfWidth.Metres);
        writer.WriteNumber("toleranceS", movement.Tolerance.TotalSeconds);
        writer.WriteStartArray("altitudeM");
        writer.WriteNumberValue(movement.Altitude.Low);
        writer.WriteNumberValue(movement.Altitude.High);
        writer.WriteEndArray();
        writer.WriteStartArray("units");
        foreach (var unit in movement.Units)
        {
            writer.WriteStringValue(unit);
        }

        writer.WriteEndArray();
        writer.WriteEndObject();
        writer.WriteEndObject();
    }

    /// <summary>An instant as ISO 8601 UTC with milliseconds, the form of every time Deconflict writes.</summary>
    public static string Iso(DateTimeOffset instant) =>
        instant.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture);

    private static void Position(Utf8JsonWriter writer, Wgs84 position)
    {
        writer.WriteStartArray();
        writer.WriteNumberValue(position.Longitude);
        writer.WriteNumberValue(position.Latitude);
        writer.WriteEndArray();
    }
}
