using System.Buffers;
using System.Text.Json;
using Deconflict.Declare;
using Deconflict.Ledger.Canonical;
using Deconflict.Server.Acts;

namespace Deconflict.Server.Projection;

/// <summary>The body of a <c>movement.checked</c> entry: which version of a movement the server checked, and the passage
/// request it opens to each affected party with the closest conflicts behind it.</summary>
/// <remarks>The write path builds it from the engine's conflicts, writes its canonical bytes once as the entry's body and
/// plans the entry from this object; a replay reads it back from the ledger with <see cref="Read"/>.</remarks>
internal sealed record CheckedEntry(string MovementId, int Version, IReadOnlyList<CheckedRequest> Requests)
{
    /// <summary>Reads the body of a <c>movement.checked</c> entry.</summary>
    /// <exception cref="Problems.ActException">A member is missing or mistyped.</exception>
    public static CheckedEntry Read(JsonElement body) => new(
        ActBody.Text(body, "movementId"),
        ActBody.Element(body, "version", JsonValueKind.Number).GetInt32(),
        [.. ActBody.Element(body, "requests", JsonValueKind.Array).EnumerateArray().Select(r => new CheckedRequest(
            ActBody.Text(r, "requestId"),
            ActBody.Party(r, "to"),
            r.TryGetProperty("conflictCount", out var count) ? count.GetInt32() : 0,
            [.. ActBody.Element(r, "conflicts", JsonValueKind.Array).EnumerateArray().Select(ConflictRecord.FromJson)]))]);

    /// <summary>Writes the body as RFC 8785 canonical JSON, directly (members in canonical order, no document built).</summary>
    public byte[] ToCanonicalJson()
    {
        var buffer = new ArrayBufferWriter<byte>(4096);
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            writer.WriteCanonicalString("movementId"u8, MovementId);
            writer.WriteStartArray("requests"u8);
            foreach (var request in Requests)
            {
                writer.WriteStartObject();
                writer.WriteNumber("conflictCount"u8, request.ConflictCount);
                writer.WriteStartArray("conflicts"u8);
                foreach (var conflict in request.Conflicts)
                {
                    conflict.Write(writer);
                }

                writer.WriteEndArray();
                writer.WriteCanonicalString("requestId"u8, request.RequestId);
                writer.WriteCanonicalString("to"u8, request.To.Name);
                writer.WriteEndObject();
            }

            writer.WriteEndArray();
            writer.WriteNumber("version"u8, Version);
            writer.WriteEndObject();
        }

        return buffer.WrittenSpan.ToArray();
    }
}

/// <summary>One passage request a check opens: its id, the addressee, how many conflicts there are, and the closest of them.</summary>
internal sealed record CheckedRequest(string RequestId, PartyId To, int ConflictCount, IReadOnlyList<ConflictRecord> Conflicts);
