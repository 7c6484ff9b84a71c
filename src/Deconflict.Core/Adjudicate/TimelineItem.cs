namespace Deconflict.Adjudicate;

/// <summary>One relevant ledger entry in the reconstructed timeline.</summary>
/// <param name="Index">The ledger index.</param>
/// <param name="Time">The envelope time.</param>
/// <param name="Party">The signing party (<c>operator</c> for the server's acts).</param>
/// <param name="Kind">The act kind.</param>
/// <param name="Summary">A one-line description (movement, request, units, distances).</param>
/// <threadsafety>Immutable; safe to share between threads.</threadsafety>
public sealed record TimelineItem(long Index, DateTimeOffset Time, string Party, string Kind, string Summary);
