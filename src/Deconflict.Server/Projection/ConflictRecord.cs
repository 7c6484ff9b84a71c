using System.Buffers;
using System.Globalization;
using System.Runtime.InteropServices;
using System.Text.Json;
using Deconflict.Ledger.Canonical;
using Deconflict.Detect;
using Deconflict.Geo;
using Deconflict.Server.Ports;

namespace Deconflict.Server.Projection;

/// <summary>
/// A conflict behind a passage request, as recorded in the <c>movement.checked</c> entry: the requester's movement, the
/// addressee's movement, when and how close, and only the conflicting pieces of each (need-to-know).
/// </summary>
/// <remarks>Values are held as the entry records them (times to the millisecond, distances to the millimetre, positions to
/// 7 decimals), and the pieces as their RFC 8785 canonical JSON bytes (one small array each rather than a parsed document,
/// which keeps the state's heap small), so a record made from a detected conflict writes the same bytes as the one read
/// back from the ledger when it is replayed.</remarks>
internal sealed record ConflictRecord(
    string MovementId, string OtherMovementId, string OtherParty, DateTimeOffset Start, DateTimeOffset End,
    double MinSeparationM, double Lon, double Lat, byte[] Pieces, byte[] OtherPieces)
{
    public static ConflictRecord From(DetectedConflict c) =>
        new(c.MovementId, c.OtherMovementId, c.OtherParty.Name, Millis(c.Start), Millis(c.End), Math.Round(c.MinSeparationM, 3),
            Math.Round(c.Lon, 7), Math.Round(c.Lat, 7), PiecesJson(Windows(c.Pieces)), PiecesJson(Windows(c.OtherPieces)));

    /// <summary>Writes the record as the entry holds it, canonically (members in RFC 8785 order).</summary>
    public void Write(Utf8JsonWriter writer)
    {
        writer.WriteStartObject();
        writer.WriteCanonicalString("end"u8, Iso(End));
        writer.WriteCanonicalNumber("minSeparationM"u8, MinSeparationM);
        writer.WriteCanonicalString("movementId"u8, MovementId);
        writer.WriteCanonicalString("otherMovementId"u8, OtherMovementId);
        writer.WriteCanonicalString("otherParty"u8, OtherParty);
        writer.WritePropertyName("otherPieces"u8);
        writer.WriteCanonicalRawValue(OtherPieces);
        writer.WritePropertyName("pieces"u8);
        writer.WriteCanonicalRawValue(Pieces);
        writer.WriteStartArray("point"u8);
        writer.WriteCanonicalNumberValue(Lon);
        writer.WriteCanonicalNumberValue(Lat);
        writer.WriteEndArray();
        writer.WriteCanonicalString("start"u8, Iso(Start));
        writer.WriteEndObject();
    }

    /// <summary>Reads a record from a canonical entry body (a ledger leaf's), keeping the pieces' bytes as they are.</summary>
    public static ConflictRecord FromJson(JsonElement e) => new(
        e.GetProperty("movementId").GetString()!, e.GetProperty("otherMovementId").GetString()!, e.GetProperty("otherParty").GetString()!,
        e.GetProperty("start").GetDateTimeOffset(), e.GetProperty("end").GetDateTimeOffset(), e.GetProperty("minSeparationM").GetDouble(),
        e.GetProperty("point")[0].GetDouble(), e.GetProperty("point")[1].GetDouble(),
        JsonMarshal.GetRawUtf8Value(e.GetProperty("pieces")).ToArray(), JsonMarshal.GetRawUtf8Value(e.GetProperty("otherPieces")).ToArray());

    public static string Iso(DateTimeOffset t) => t.ToUniversalTime().ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture);

    private static DateTimeOffset Millis(DateTimeOffset t) => new(t.UtcTicks - (t.UtcTicks % TimeSpan.TicksPerMillisecond), TimeSpan.Zero);

    /// <summary>The canonical JSON of conflicting pieces, each with its index, window and vertices (<c>[lon, lat]</c> to 7
    /// decimals): what the other party may see.</summary>
    internal static byte[] PiecesJson(IEnumerable<(int Index, DateTimeOffset Start, DateTimeOffset End, IReadOnlyList<Wgs84> Vertices)> pieces)
    {
        var buffer = new ArrayBufferWriter<byte>(256);
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartArray();
            foreach (var p in pieces)
            {
                writer.WriteStartObject();
                writer.WriteStartArray("coordinates"u8);
                foreach (var v in p.Vertices)
                {
                    writer.WriteStartArray();
                    writer.WriteCanonicalNumberValue(Math.Round(v.Longitude, 7));
                    writer.WriteCanonicalNumberValue(Math.Round(v.Latitude, 7));
                    writer.WriteEndArray();
                }

                writer.WriteEndArray();
                writer.WriteCanonicalString("end"u8, Iso(p.End));
                writer.WriteNumber("index"u8, p.Index);
                writer.WriteCanonicalString("start"u8, Iso(p.Start));
                writer.WriteEndObject();
            }

            writer.WriteEndArray();
        }

        return buffer.WrittenSpan.ToArray();
    }

    private static IEnumerable<(int, DateTimeOffset, DateTimeOffset, IReadOnlyList<Wgs84>)> Windows(IReadOnlyList<Piece> pieces) =>
        pieces.Select(p => (p.Index, p.Window.Start, p.Window.End, p.Vertices));
}
