using System.Numerics;

namespace Deconflict.Ledger.Merkle;

/// <summary>The perfect subtrees that exactly cover a leaf range [begin, end): its compact range.</summary>
/// <remarks>Ported from transparency-dev/merkle <c>compact/nodes.go</c> (Apache-2.0). A range has at most two
/// nodes per level; the log's own right edge, [0, size), has one per set bit of size.</remarks>
internal static class CompactRange
{
    /// <summary>Splits the range into the levels of its left border nodes and of its right border nodes, as bit masks.</summary>
    public static (ulong Left, ulong Right) Decompose(long begin, long end)
    {
        if (begin == 0)
        {
            return (0, (ulong)end);
        }

        // Where the paths to leaves begin-1 and end diverge: only nodes strictly below it are in the range.
        ulong before = (ulong)begin - 1;
        int diverge = BitLength(before ^ (ulong)end) - 1;
        ulong mask = (1UL << diverge) - 1;
        // Left border: nodes right of the path to begin-1 (its zero bits); right border: nodes left of the path to end (its one bits).
        return (~before & mask, (ulong)end & mask);
    }

    public static int NodeCount(long begin, long end)
    {
        var (left, right) = Decompose(begin, end);
        return BitOperations.PopCount(left) + BitOperations.PopCount(right);
    }

    /// <summary>Appends the nodes covering [begin, end) to <paramref name="nodes"/>, left to right.</summary>
    public static void AppendNodes(long begin, long end, List<NodeId> nodes)
    {
        var (left, right) = Decompose(begin, end);
        long position = begin;
        // Left border, from lower to upper levels.
        while (left != 0)
        {
            int level = BitOperations.TrailingZeroCount(left);
            nodes.Add(new NodeId(level, position >> level));
            position += 1L << level;
            left &= left - 1;
        }

        // Right border, from upper to lower levels.
        while (right != 0)
        {
            int level = BitLength(right) - 1;
            nodes.Add(new NodeId(level, position >> level));
            position += 1L << level;
            right ^= 1UL << level;
        }
    }

    /// <summary>The number of bits needed to write <paramref name="value"/> (0 for 0), Go's <c>bits.Len64</c>.</summary>
    public static int BitLength(ulong value) => 64 - BitOperations.LeadingZeroCount(value);
}
