using System.Globalization;
using System.Text;

namespace Deconflict.Ledger.Checkpoint;

/// <summary>
/// A c2sp.org/tlog-checkpoint note text: the log's origin, its size and its RFC 6962 root hash, then optional
/// extension lines.
/// </summary>
/// <remarks>
/// <para>Note text, each line ending in a newline: the origin (non-empty, no control characters), the tree size in
/// decimal without leading zeroes, the standard base64 of the 32-byte root hash, then any extension lines (each
/// non-empty). The log operator signs this text as a <see cref="SignedNote"/> (<see cref="CheckpointSigner"/>), and
/// parties cosign it (<see cref="Cosigner"/>).</para>
/// </remarks>
/// <threadsafety>This type is immutable and safe to share between threads.</threadsafety>
public sealed class Checkpoint
{
    /// <summary>The length of the root hash in bytes (SHA-256).</summary>
    public const int RootHashSize = 32;

    private readonly byte[] _rootHash;

    /// <summary>Creates a checkpoint.</summary>
    /// <exception cref="ArgumentException"><paramref name="origin"/> is empty or holds a control character; the root
    /// hash is not 32 bytes; an extension line is empty or holds a control character.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="size"/> is negative.</exception>
    public Checkpoint(string origin, long size, ReadOnlySpan<byte> rootHash, IEnumerable<string>? extensions = null)
    {
        CheckLine(origin, nameof(origin));
        ArgumentOutOfRangeException.ThrowIfNegative(size);
        if (rootHash.Length != RootHashSize)
        {
            throw new ArgumentException($"A root hash should be {RootHashSize} bytes; got {rootHash.Length}", nameof(rootHash));
        }

        Origin = origin;
        Size = size;
        _rootHash = rootHash.ToArray();
        Extensions = [.. extensions ?? []];
        foreach (var line in Extensions)
        {
            CheckLine(line, nameof(extensions));
        }
    }

    /// <summary>The log's identity, such as <c>deconflict.example/ledger</c>.</summary>
    public string Origin { get; }

    /// <summary>The number of entries in the log.</summary>
    public long Size { get; }

    /// <summary>The RFC 6962 root hash of the first <see cref="Size"/> entries (32 bytes).</summary>
    public ReadOnlyMemory<byte> RootHash => _rootHash;

    /// <summary>The extension lines, opaque, in order (usually none).</summary>
    public IReadOnlyList<string> Extensions { get; }

    /// <summary>Parses a checkpoint from a note text (the part a signature covers, ending in a newline).</summary>
    /// <exception cref="LedgerException"><see cref="LedgerErrorCodes.CheckpointMalformed"/>: fewer than three lines, a
    /// size that is not a canonical non-negative decimal, a root hash that is not canonical base64 of 32 bytes, an empty
    /// line, or a missing final newline.</exception>
    public static Checkpoint Parse(string noteText)
    {
        ArgumentNullException.ThrowIfNull(noteText);
        if (noteText.Length == 0 || noteText[^1] != '\n')
        {
            throw Malformed("the checkpoint text should end with a newline");
        }

        var lines = noteText[..^1].Split('\n');
        if (lines.Length < 3)
        {
            throw Malformed($"a checkpoint has an origin, a size and a root hash line; got {lines.Length} line(s)");
        }

        if (!long.TryParse(lines[1], NumberStyles.None, CultureInfo.InvariantCulture, out var size)
            || lines[1] != size.ToString(CultureInfo.InvariantCulture))
        {
            throw Malformed($"the size line should be a decimal number without leading zeroes; got \"{lines[1]}\"");
        }

        var root = new byte[RootHashSize + 2];
        if (!Convert.TryFromBase64String(lines[2], root, out var rootLength) || rootLength != RootHashSize
            || Convert.ToBase64String(root, 0, RootHashSize) != lines[2])
        {
            throw Malformed($"the root hash line should be the base64 of {RootHashSize} bytes; got \"{lines[2]}\"");
        }

        try
        {
            return new Checkpoint(lines[0], size, root.AsSpan(0, RootHashSize), lines[3..]);
        }
        catch (ArgumentException e)
        {
            throw new LedgerException(LedgerErrorCodes.CheckpointMalformed, e.Message, innerException: e);
        }
    }

    /// <summary>Returns the note text: origin, size, base64 root hash and extension lines, each ending in a newline.</summary>
    public string ToNoteText()
    {
        var builder = new StringBuilder()
            .Append(Origin).Append('\n')                                           // origin
            .Append(Size.ToString(CultureInfo.InvariantCulture)).Append('\n')      // tree size
            .Append(Convert.ToBase64String(_rootHash)).Append('\n');               // root hash
        foreach (var line in Extensions)
        {
            builder.Append(line).Append('\n');                                     // extension lines
        }

        return builder.ToString();
    }

    /// <summary>Returns <see cref="ToNoteText"/>.</summary>
    public override string ToString() => ToNoteText();

    private static void CheckLine(string line, string paramName)
    {
        ArgumentNullException.ThrowIfNull(line, paramName);
        if (line.Length == 0 || line.Any(char.IsControl))
        {
            throw new ArgumentException($"A checkpoint line should be non-empty and hold no control characters; got \"{line}\"", paramName);
        }
    }

    private static LedgerException Malformed(string detail) => new(LedgerErrorCodes.CheckpointMalformed, detail);
}
