using System.Text.Json;
using System.Text.Json.Nodes;
using Deconflict.Negotiate;
using Deconflict.Server.Api.Movements;
using Deconflict.Server.Api.Requests;

namespace Deconflict.Server.Projection;

/// <summary>Builds the DTOs each audience sees from the state.</summary>
internal static class Views
{
    private static readonly JsonSerializerOptions Web = new(JsonSerializerDefaults.Web);

    public static MovementDto Movement(DeconflictState state, string id, DateTimeOffset now)
    {
        var m = state.Book!.Movements[id];
        var feature = state.Movement(id)?.Feature ?? default;
        return new MovementDto(m.Id, m.Owner.Name, m.Version, m.StateAt(now).ToWireName(), m.ShortNotice, m.DeclaredAt, m.Window.Start, m.Window.End, feature);
    }

    public static RequestDto Request(DeconflictState state, PassageRequest r, DateTimeOffset now)
    {
        var chain = state.Book!.Arrangement.EscalationChain;
        var counter = r.Counter is { } c
            ? new CounterDto(c.Window?.Start, c.Window?.End, c.Route?.Select(p => new[] { p.Longitude, p.Latitude }).ToArray(), c.Note)
            : null;
        var conflicts = state.ConflictsOf(r.Id).Select(k => new ConflictDto(k.MovementId, k.OtherMovementId, k.OtherParty, k.Start, k.End, k.MinSeparationM, [k.Lon, k.Lat], k.Pieces, k.OtherPieces)).ToList();
        return new RequestDto(r.Id, r.MovementId, r.MovementVersion, r.From.Name, r.To.Name, r.State.ToWireName(),
            state.Book.Movements[r.MovementId].StateAt(now).ToWireName(), r.CreatedAt, r.UpdatedAt, r.Deadline, r.EscalationLevel,
            r.EscalationLevel == 0 ? null : chain[Math.Min(r.EscalationLevel, chain.Count) - 1], r.Conditions, r.Reason, counter, conflicts);
    }

    public static JsonObject ToJson<T>(T dto) => JsonSerializer.SerializeToNode(dto, Web)!.AsObject();
}
