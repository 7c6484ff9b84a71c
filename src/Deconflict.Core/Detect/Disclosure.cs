using Deconflict.Declare;

namespace Deconflict.Detect;

/// <summary>
/// The pieces of both movements of one conflict that are in some conflicting pair, built on first use: most callers of
/// <see cref="ConflictIndex.Query"/> (resolution search, counting) never look at them, and building them is most of
/// the cost of a conflict. The pieces are cut again from the (immutable) movements, exactly as the index cut them, so
/// the result does not depend on what the index holds by then.
/// </summary>
/// <threadsafety>Safe to use from several threads: the lists are built at most once per caller race and then shared.</threadsafety>
internal sealed class Disclosure
{
    private readonly Movement _a;
    private readonly Movement _b;
    private readonly long _segmentTicks;
    private readonly int[] _pairs;
    private readonly int _start;
    private readonly int _count;
    private Piece[]? _ofA;
    private Piece[]? _ofB;

    /// <summary>Pairs are <c>(piece of A, piece of B)</c> interleaved in <paramref name="pairs"/> from
    /// <paramref name="start"/>, <paramref name="count"/> pairs.</summary>
    public Disclosure(Movement a, Movement b, long segmentTicks, int[] pairs, int start, int count)
    {
        (_a, _b, _segmentTicks, _pairs, _start, _count) = (a, b, segmentTicks, pairs, start, count);
    }

    public IReadOnlyList<Piece> OfA => LazyInitializer.EnsureInitialized(ref _ofA, () => Pieces(_a, 0));

    public IReadOnlyList<Piece> OfB => LazyInitializer.EnsureInitialized(ref _ofB, () => Pieces(_b, 1));

    private Piece[] Pieces(Movement movement, int side)
    {
        var indices = new SortedSet<int>();
        for (var i = 0; i < _count; i++)
        {
            indices.Add(_pairs[(2 * (_start + i)) + side]);
        }

        var cut = new PieceCut().Fill(movement, _segmentTicks);
        return indices.Select(cut.ToPiece).ToArray();
    }
}
