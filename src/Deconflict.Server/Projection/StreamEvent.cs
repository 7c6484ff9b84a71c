using System.Text.Json.Nodes;

namespace Deconflict.Server.Projection;

/// <summary>One event of a party's stream: the ledger <see cref="Index"/> of the entry that caused it, its type and its data
/// as that party may see it.</summary>
internal sealed record StreamEvent(long Index, string Type, JsonObject Data);
