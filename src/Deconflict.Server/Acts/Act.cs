using System.Text.Json;

namespace Deconflict.Server.Acts;

/// <summary>A verified signed act: who (<see cref="Party"/>, the signer), its per-party <see cref="Seq"/>, when, what, and
/// the exact leaf bytes appended to the ledger.</summary>
internal sealed record Act(string Party, long Seq, DateTimeOffset Time, string Kind, JsonElement Body, byte[] Leaf);

/// <summary>An act as it sits in the ledger, at <see cref="Index"/>.</summary>
internal sealed record LoggedAct(long Index, Act Act);
