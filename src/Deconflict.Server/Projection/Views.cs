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

    public static MovementDto Movement(DeconflictState state, string id, DateTimeOffset now) =>
        Movement(state.Book!.Movements[id], state.Movement(id)?.Feature ?? default, now);

    /// <summary>The movement as its lifecycle <paramref name="m"/> (an immutable snapshot) and feature have it.</summary>
    public static MovementDto Movement(MovementLifecycle m, JsonElement feature, DateTimeOffset now) =>
        new(m.Id, m.Owner.Name, m.Version, m.StateAt(now).ToWireName(), m.ShortNotice, m.DeclaredAt, m.Window.Start, m.Window.End, feature);

    public static RequestDto Request(DeconflictState state, PassageRequest r, DateTimeOffset now) =>
        Request(r, state.Book!.Movements[r.MovementId], state.Book.Arrangement.EscalationChain, state.ConflictsOf(r.Id), now);

    /// <summary>The request as the immutable snapshots given have it: the request, its movement's lifecycle, the escalation
    /// chain and the request's conflicts (set once, when the request opens).</summary>
    public static RequestDto Request(PassageRequest r, MovementLifecycle movement, IReadOnlyList<string> chain, IReadOnlyList<ConflictRecord> conflicts, DateTimeOffset now)
    {
        var counter = r.Counter is { } c
            ? new CounterDto(c.Window?.Start, c.Window?.End, c.Route?.Select(p => new[] { p.Longitude, p.Latitude }).ToArray(), c.Note)
            : null;
        var pieces = conflicts.Select(k => new ConflictDto(k.MovementId, k.OtherMovementId, k.OtherParty, k.Start, k.End, k.MinSeparationM, [k.Lon, k.Lat], JsonElement.Parse(k.Pieces), JsonElement.Parse(k.OtherPieces))).ToList();
        return new RequestDto(r.Id, r.MovementId, r.MovementVersion, r.From.Name, r.To.Name, r.State.ToWireName(),
            movement.StateAt(now).ToWireName(), r.CreatedAt, r.UpdatedAt, r.Deadline, r.EscalationLevel,
            r.EscalationLevel == 0 ? null : chain[Math.Min(r.EscalationLevel, chain.Count) - 1], r.Conditions, r.Reason, counter, pieces);
    }

    public static JsonObject ToJson<T>(T dto) => JsonSerializer.SerializeToNode(dto, Web)!.AsObject();
}
