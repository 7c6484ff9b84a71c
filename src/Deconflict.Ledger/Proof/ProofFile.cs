using System.Globalization;
using System.Text;
using Deconflict.Ledger.Checkpoint;
using Deconflict.Ledger.Merkle;

namespace Deconflict.Ledger.Proof;

/// <summary>
/// A c2sp.org/tlog-proof@v1 file: offline evidence that an entry is in the log, as seen by the checkpoint's signers.
/// </summary>
/// <remarks>
/// <para>Layout, lines separated by newlines: <c>c2sp.org/tlog-proof@v1</c>; <c>extra &lt;base64&gt;</c> (omitted when
/// there is no extra data); <c>index &lt;N&gt;</c>; the inclusion proof, one base64 SHA-256 hash per line from the
/// leaf's sibling up; an empty line; the (cosigned) checkpoint note verbatim. In Deconflict files the extra data is the
/// entry's leaf bytes (the signed envelope, <c>SignedEnvelope.LeafBytes</c>), so any tlog-proof verifier recomputes
/// the leaf hash from it. Base64 is standard, padded and canonical.</para>
/// </remarks>
/// <threadsafety>This type is immutable and safe to share between threads.</threadsafety>
public sealed class ProofFile
{
    /// <summary>The first line of every proof file.</summary>
    public const string Header = "c2sp.org/tlog-proof@v1";

    /// <summary>The most inclusion proof hashes accepted (a tree of 2^63 leaves needs 63).</summary>
    public const int MaxProofHashes = 64;

    private readonly byte[] _extra;
    private readonly byte[][] _proof;

    /// <summary>Creates a proof file.</summary>
    /// <param name="index">Zero-based index of the entry in the log.</param>
    /// <param name="inclusionProof">The RFC 6962 audit path for <paramref name="index"/> in the checkpoint's tree.</param>
    /// <param name="checkpoint">The signed (and possibly cosigned) checkpoint the proof leads to.</param>
    /// <param name="extra">The entry's leaf bytes; empty for none.</param>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="index"/> is negative.</exception>
    /// <exception cref="ArgumentException">A proof hash is not 32 bytes, or there are more than <see cref="MaxProofHashes"/>.</exception>
    public ProofFile(long index, IEnumerable<byte[]> inclusionProof, SignedNote checkpoint, ReadOnlySpan<byte> extra = default)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(index);
        ArgumentNullException.ThrowIfNull(inclusionProof);
        ArgumentNullException.ThrowIfNull(checkpoint);
        _proof = [.. inclusionProof.Select(h => (byte[])h.Clone())];
        if (_proof.Length > MaxProofHashes || _proof.Any(h => h.Length != MerkleHash.Size))
        {
            throw new ArgumentException($"An inclusion proof should be at most {MaxProofHashes} hashes of {MerkleHash.Size} bytes", nameof(inclusionProof));
        }

        Index = index;
        Checkpoint = checkpoint;
        _extra = extra.ToArray();
    }

    /// <summary>Zero-based index of the entry in the log.</summary>
    public long Index { get; }

    /// <summary>The inclusion proof hashes (32 bytes each), from the leaf's sibling up to the root's child.</summary>
    public IReadOnlyList<byte[]> InclusionProof => [.. _proof.Select(h => (byte[])h.Clone())];

    /// <summary>The checkpoint note with its signatures and cosignatures.</summary>
    public SignedNote Checkpoint { get; }

    /// <summary>The extra data (in Deconflict files, the entry's leaf bytes); empty when absent.</summary>
    public ReadOnlyMemory<byte> Extra => _extra;

    /// <summary>Parses a proof file from its UTF-8 bytes.</summary>
    /// <exception cref="LedgerException"><see cref="LedgerErrorCodes.ProofMalformed"/>, naming the line at fault.</exception>
    public static ProofFile Parse(ReadOnlySpan<byte> utf8)
    {
        try
        {
            return Parse(new UTF8Encoding(false, throwOnInvalidBytes: true).GetString(utf8));
        }
        catch (DecoderFallbackException e)
        {
            throw new LedgerException(LedgerErrorCodes.ProofMalformed, "the proof file is not valid UTF-8", innerException: e);
        }
    }

    /// <summary>Parses a proof file.</summary>
    /// <exception cref="LedgerException"><see cref="LedgerErrorCodes.ProofMalformed"/>: a wrong header, a bad
    /// <c>extra</c> or <c>index</c> line, a proof line that is not canonical base64 of 32 bytes, no empty line before the
    /// checkpoint, or a checkpoint note that is not a signed note; the message names the line.</exception>
    public static ProofFile Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var lines = text.Split('\n');
        var at = 0;
        if (lines[at++] != Header)
        {
            throw Malformed(1, $"the header should be \"{Header}\"");
        }

        var extra = Array.Empty<byte>();
        if (at < lines.Length && lines[at].StartsWith("extra ", StringComparison.Ordinal))
        {
            extra = DecodeCanonical(lines[at]["extra ".Length..]) ?? throw Malformed(at + 1, "the extra data is not canonical base64");
            at++;
        }

        if (at >= lines.Length || !lines[at].StartsWith("index ", StringComparison.Ordinal)
            || !long.TryParse(lines[at].AsSpan("index ".Length), NumberStyles.None, CultureInfo.InvariantCulture, out var index)
            || lines[at] != $"index {index.ToString(CultureInfo.InvariantCulture)}")
        {
            throw Malformed(at + 1, "expected \"index N\" with N a decimal number without leading zeroes");
        }

        at++;
        var proof = new List<byte[]>();
        for (; at < lines.Length && lines[at].Length > 0; at++)
        {
            var hash = DecodeCanonical(lines[at]);
            if (hash is not { Length: MerkleHash.Size } || proof.Count == MaxProofHashes)
            {
                throw Malformed(at + 1, $"an inclusion proof line should be the base64 of a {MerkleHash.Size}-byte hash (at most {MaxProofHashes} lines)");
            }

            proof.Add(hash);
        }

        if (at >= lines.Length)
        {
            throw Malformed(at, "there is no empty line before the checkpoint");
        }

        SignedNote checkpoint;
        try
        {
            checkpoint = SignedNote.Parse(string.Join('\n', lines[(at + 1)..]));
        }
        catch (LedgerException e)
        {
            throw new LedgerException(LedgerErrorCodes.ProofMalformed, $"the checkpoint note from line {at + 2} is malformed ({e.Message})", innerException: e);
        }

        return new ProofFile(index, proof, checkpoint, extra);
    }

    /// <summary>Returns the file text (see remarks), ending with the checkpoint note's final newline.</summary>
    public string Format()
    {
        var builder = new StringBuilder(Header).Append('\n');
        if (_extra.Length > 0)
        {
            builder.Append("extra ").Append(Convert.ToBase64String(_extra)).Append('\n');
        }

        builder.Append("index ").Append(Index.ToString(CultureInfo.InvariantCulture)).Append('\n');
        foreach (var hash in _proof)
        {
            builder.Append(Convert.ToBase64String(hash)).Append('\n');
        }

        return builder.Append('\n').Append(Checkpoint.ToString()).ToString();
    }

    /// <summary>Returns <see cref="Format"/>.</summary>
    public override string ToString() => Format();

    private static byte[]? DecodeCanonical(string base64)
    {
        try
        {
            var bytes = Convert.FromBase64String(base64);
            return Convert.ToBase64String(bytes) == base64 ? bytes : null;
        }
        catch (FormatException)
        {
            return null;
        }
    }

    private static LedgerException Malformed(int line, string detail) => new(LedgerErrorCodes.ProofMalformed, $"line {line}: {detail}");
}
