using System.Text.Json;

namespace Deconflict.Server.Api.Movements;

/// <summary>A movement as its owner (or an ally) sees it: whole, with the feature as declared.</summary>
internal sealed record MovementDto(
    string Id, string Party, int Version, string State, bool ShortNotice, DateTimeOffset DeclaredAt,
    DateTimeOffset Start, DateTimeOffset End, JsonElement Feature);
