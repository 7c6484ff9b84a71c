using System.Text.Json;

namespace Deconflict.Adjudicate;

/// <summary>One ledger entry as adjudication reads it: its index in the log, the signing party, that party's sequence
/// number, the time the party stated, the act kind and the parsed body.</summary>
/// <remarks>Core does not depend on the ledger: whoever reads the log (server, CLI, bundle verifier) builds these from
/// verified envelopes. The body must outlive the adjudication (clone it out of any disposed document).</remarks>
/// <param name="Index">The entry's index in the ledger, from 0.</param>
/// <param name="Party">The envelope party: a party name, or <c>operator</c> for the server's own acts.</param>
/// <param name="Seq">The party's sequence number.</param>
/// <param name="Time">The envelope time (UTC).</param>
/// <param name="Kind">The act kind, e.g. <c>movement.declare</c> (see <see cref="ActKindNames"/>).</param>
/// <param name="Body">The act's JSON body.</param>
/// <threadsafety>Immutable once its body is; safe to share between threads.</threadsafety>
public sealed record RecordedAct(long Index, string Party, long Seq, DateTimeOffset Time, string Kind, JsonElement Body);
