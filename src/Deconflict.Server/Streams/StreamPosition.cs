using System.Globalization;
using Deconflict.Server.Projection;

namespace Deconflict.Server.Streams;

/// <summary>Where a party's stream stands: after the first <see cref="Ordinal"/> of that party's events of ledger entry
/// <see cref="Index"/>, or after all of them when <see cref="Ordinal"/> is <see cref="int.MaxValue"/>.</summary>
/// <remarks>An event's SSE <c>id</c> is the position just after it: <c>N</c> for the last (usually the only) event of entry
/// <c>N</c> the party gets, <c>N:j</c> for its <c>j</c>-th (from 1) when more follow from the same entry (an
/// <c>alert.batch</c> entry carries many alerts). Resuming from an id therefore neither skips nor repeats an event, even
/// when the connection broke in the middle of an entry. Format: docs/formats/live-tracking.md.</remarks>
internal readonly record struct StreamPosition(long Index, int Ordinal)
{
    /// <summary>The position after every event of entry <paramref name="index"/> (−1: before everything).</summary>
    public static StreamPosition After(long index) => new(index, int.MaxValue);

    /// <summary>Reads an SSE id (<c>N</c> or <c>N:j</c>, <c>j</c> ≥ 1); null if it is neither.</summary>
    public static StreamPosition? Parse(string? id)
    {
        if (id is null)
        {
            return null;
        }

        var colon = id.IndexOf(':', StringComparison.Ordinal);
        var index = colon < 0 ? id : id[..colon];
        if (!long.TryParse(index, NumberStyles.None, CultureInfo.InvariantCulture, out var n))
        {
            return null;
        }

        if (colon < 0)
        {
            return After(n);
        }

        return int.TryParse(id.AsSpan(colon + 1), NumberStyles.None, CultureInfo.InvariantCulture, out var j) && j >= 1 ? new StreamPosition(n, j) : null;
    }

    /// <summary>Whether <paramref name="e"/> comes after this position.</summary>
    public bool Precedes(StreamEvent e) => e.Index > Index || (e.Index == Index && e.Ordinal > Ordinal);

    /// <summary>The SSE id of an event: the position after it.</summary>
    public static string IdOf(StreamEvent e, bool lastOfEntry) =>
        lastOfEntry ? e.Index.ToString(CultureInfo.InvariantCulture) : string.Create(CultureInfo.InvariantCulture, $"{e.Index}:{e.Ordinal}");
}
