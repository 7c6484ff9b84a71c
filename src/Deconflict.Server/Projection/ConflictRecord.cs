using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using Deconflict.Detect;
using Deconflict.Server.Ports;

namespace Deconflict.Server.Projection;

/// <summary>
/// A conflict behind a passage request, as recorded in the <c>movement.checked</c> entry: the requester's movement, the
/// addressee's movement, when and how close, and only the conflicting pieces of each (need-to-know).
/// </summary>
internal sealed record ConflictRecord(
    string MovementId, string OtherMovementId, string OtherParty, DateTimeOffset Start, DateTimeOffset End,
    double MinSeparationM, double Lon, double Lat, JsonElement Pieces, JsonElement OtherPieces)
{
    public static ConflictRecord From(DetectedConflict c) =>
        new(c.MovementId, c.OtherMovementId, c.OtherParty.Name, c.Start, c.End, c.MinSeparationM, c.Lon, c.Lat, ToJson(c.Pieces), ToJson(c.OtherPieces));

    // The conflicting pieces only, each with its window and vertices ([lon, lat]): what the other party may see.
    private static JsonElement ToJson(IReadOnlyList<Piece> pieces) => JsonSerializer.SerializeToElement(new JsonArray([.. pieces.Select(p => (JsonNode)new JsonObject
    {
        ["index"] = p.Index,
        ["start"] = Iso(p.Window.Start),
        ["end"] = Iso(p.Window.End),
        ["coordinates"] = new JsonArray([.. p.Vertices.Select(v => (JsonNode)new JsonArray(Math.Round(v.Longitude, 7), Math.Round(v.Latitude, 7)))]),
    })]));

    public JsonObject ToJson() => new()
    {
        ["movementId"] = MovementId,
        ["otherMovementId"] = OtherMovementId,
        ["otherParty"] = OtherParty,
        ["start"] = Iso(Start),
        ["end"] = Iso(End),
        ["minSeparationM"] = Math.Round(MinSeparationM, 3),
        ["point"] = new JsonArray(Math.Round(Lon, 7), Math.Round(Lat, 7)),
        ["pieces"] = JsonNode.Parse(Pieces.GetRawText()),
        ["otherPieces"] = JsonNode.Parse(OtherPieces.GetRawText()),
    };

    public static ConflictRecord FromJson(JsonElement e) => new(
        e.GetProperty("movementId").GetString()!, e.GetProperty("otherMovementId").GetString()!, e.GetProperty("otherParty").GetString()!,
        e.GetProperty("start").GetDateTimeOffset(), e.GetProperty("end").GetDateTimeOffset(), e.GetProperty("minSeparationM").GetDouble(),
        e.GetProperty("point")[0].GetDouble(), e.GetProperty("point")[1].GetDouble(), e.GetProperty("pieces").Clone(), e.GetProperty("otherPieces").Clone());

    public static string Iso(DateTimeOffset t) => t.ToUniversalTime().ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture);
}
