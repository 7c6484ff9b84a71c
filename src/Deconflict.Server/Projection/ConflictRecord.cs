using System.Buffers;
using System.Globalization;
using System.Text.Json;
using Deconflict.Detect;
using Deconflict.Server.Ports;

namespace Deconflict.Server.Projection;

/// <summary>
/// A conflict behind a passage request, as recorded in the <c>movement.checked</c> entry: the requester's movement, the
/// addressee's movement, when and how close, and only the conflicting pieces of each (need-to-know).
/// </summary>
/// <remarks>Values are held as the entry records them (times to the millisecond, distances to the millimetre, positions to
/// 7 decimals, piece members in RFC 8785 order), so a record made from a detected conflict equals the one read back from
/// the ledger when it is replayed.</remarks>
internal sealed record ConflictRecord(
    string MovementId, string OtherMovementId, string OtherParty, DateTimeOffset Start, DateTimeOffset End,
    double MinSeparationM, double Lon, double Lat, JsonElement Pieces, JsonElement OtherPieces)
{
    public static ConflictRecord From(DetectedConflict c) =>
        new(c.MovementId, c.OtherMovementId, c.OtherParty.Name, Millis(c.Start), Millis(c.End), Math.Round(c.MinSeparationM, 3),
            Math.Round(c.Lon, 7), Math.Round(c.Lat, 7), PiecesJson(c.Pieces), PiecesJson(c.OtherPieces));

    /// <summary>Writes the record as the entry holds it.</summary>
    public void Write(Utf8JsonWriter writer)
    {
        writer.WriteStartObject();
        writer.WriteString("end", Iso(End));
        writer.WriteNumber("minSeparationM", MinSeparationM);
        writer.WriteString("movementId", MovementId);
        writer.WriteString("otherMovementId", OtherMovementId);
        writer.WriteString("otherParty", OtherParty);
        writer.WritePropertyName("otherPieces");
        OtherPieces.WriteTo(writer);
        writer.WritePropertyName("pieces");
        Pieces.WriteTo(writer);
        writer.WriteStartArray("point");
        writer.WriteNumberValue(Lon);
        writer.WriteNumberValue(Lat);
        writer.WriteEndArray();
        writer.WriteString("start", Iso(Start));
        writer.WriteEndObject();
    }

    public static ConflictRecord FromJson(JsonElement e) => new(
        e.GetProperty("movementId").GetString()!, e.GetProperty("otherMovementId").GetString()!, e.GetProperty("otherParty").GetString()!,
        e.GetProperty("start").GetDateTimeOffset(), e.GetProperty("end").GetDateTimeOffset(), e.GetProperty("minSeparationM").GetDouble(),
        e.GetProperty("point")[0].GetDouble(), e.GetProperty("point")[1].GetDouble(), e.GetProperty("pieces").Clone(), e.GetProperty("otherPieces").Clone());

    public static string Iso(DateTimeOffset t) => t.ToUniversalTime().ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture);

    private static DateTimeOffset Millis(DateTimeOffset t) => new(t.UtcTicks - (t.UtcTicks % TimeSpan.TicksPerMillisecond), TimeSpan.Zero);

    // The conflicting pieces only, each with its window and vertices ([lon, lat]): what the other party may see.
    private static JsonElement PiecesJson(IReadOnlyList<Piece> pieces)
    {
        var buffer = new ArrayBufferWriter<byte>(256);
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartArray();
            foreach (var p in pieces)
            {
                writer.WriteStartObject();
                writer.WriteStartArray("coordinates");
                foreach (var v in p.Vertices)
                {
                    writer.WriteStartArray();
                    writer.WriteNumberValue(Math.Round(v.Longitude, 7));
                    writer.WriteNumberValue(Math.Round(v.Latitude, 7));
                    writer.WriteEndArray();
                }

                writer.WriteEndArray();
                writer.WriteString("end", Iso(p.Window.End));
                writer.WriteNumber("index", p.Index);
                writer.WriteString("start", Iso(p.Window.Start));
                writer.WriteEndObject();
            }

            writer.WriteEndArray();
        }

        return JsonElement.Parse(buffer.WrittenSpan);
    }
}
