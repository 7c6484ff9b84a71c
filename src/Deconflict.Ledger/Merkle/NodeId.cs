namespace Deconflict.Ledger.Merkle;

/// <summary>A perfect subtree of the log: the node at <see cref="Level"/> (0 = leaves) covering
/// leaves [<c>Index·2^Level</c>, <c>(Index+1)·2^Level</c>).</summary>
internal readonly record struct NodeId(int Level, long Index)
{
    public NodeId Parent => new(Level + 1, Index >> 1);

    public NodeId Sibling => new(Level, Index ^ 1);

    /// <summary>The first leaf the node covers.</summary>
    public long Begin => Index << Level;

    /// <summary>One past the last leaf the node covers.</summary>
    public long End => (Index + 1) << Level;
}
