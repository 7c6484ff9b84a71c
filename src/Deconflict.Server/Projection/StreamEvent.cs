using System.Text.Json.Nodes;

namespace Deconflict.Server.Projection;

/// <summary>One event of a party's stream: the ledger <see cref="Index"/> of the entry that caused it, its
/// <see cref="Ordinal"/> among that party's events of the entry, its type and its data as that party may see it.</summary>
/// <remarks>The data is captured when the entry is committed (immutable views of that moment) but written as JSON only when
/// a subscriber first reads it, once: most events are read by one subscriber or none, and replaying a ledger writes none.</remarks>
/// <threadsafety>Safe to read from any thread.</threadsafety>
internal sealed class StreamEvent(long index, int ordinal, string type, Func<JsonObject> data)
{
    private readonly Lazy<string> _json = new(() => data().ToJsonString(), LazyThreadSafetyMode.ExecutionAndPublication);

    /// <summary>The ledger index of the entry behind the event.</summary>
    public long Index => index;

    /// <summary>The event's place, from 1, among the party's events of the same entry (an <c>alert.batch</c> entry tells a
    /// party of several alerts).</summary>
    public int Ordinal => ordinal;

    /// <summary>The event type, such as <c>request.opened</c>.</summary>
    public string Type => type;

    /// <summary>The event's data, a JSON object as text.</summary>
    public string Json => _json.Value;
}
