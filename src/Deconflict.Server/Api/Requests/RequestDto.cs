using System.Text.Json;

namespace Deconflict.Server.Api.Requests;

/// <summary>A passage request as its requester and addressee see it, with the conflicting pieces of both movements only.</summary>
internal sealed record RequestDto(
    string Id, string MovementId, int MovementVersion, string From, string To, string State, string MovementState,
    DateTimeOffset CreatedAt, DateTimeOffset UpdatedAt, DateTimeOffset? Deadline, int EscalationLevel, string? EscalatedTo,
    string? Conditions, string? Reason, CounterDto? Counter, IReadOnlyList<ConflictDto> Conflicts);

/// <summary>A counter-proposal: another window, another route (<c>[lon, lat]</c> positions), or both.</summary>
internal sealed record CounterDto(DateTimeOffset? Start, DateTimeOffset? End, double[][]? Route, string? Note);

/// <summary>One conflict behind a request: when, how close, where, and the conflicting pieces (GeoJSON geometries) of the
/// requester's movement (<c>pieces</c>) and of the addressee's (<c>otherPieces</c>).</summary>
internal sealed record ConflictDto(
    string MovementId, string OtherMovementId, string OtherParty, DateTimeOffset Start, DateTimeOffset End,
    double MinSeparationM, double[] Point, JsonElement Pieces, JsonElement OtherPieces);
