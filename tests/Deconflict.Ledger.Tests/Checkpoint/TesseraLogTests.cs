using System.Buffers.Binary;
using Deconflict.Ledger.Checkpoint;
using Deconflict.Ledger.Keys;
using Deconflict.Ledger.Merkle;
using Deconflict.Ledger.Tests.Keys;
using Deconflict.Ledger.Tests.Support;

namespace Deconflict.Ledger.Tests.Checkpoint;

/// <summary>The published Tessera test log (../shared/vectors/tessera-log): checkpoints, entry bundles and tiles.</summary>
public sealed class TesseraLogTests
{
    private static readonly VerifierKey LogKey = VerifierKey.Parse(VerifierKeyTests.TesseraVkey);

    public static TheoryData<int> Sizes => [.. Enumerable.Range(0, 16)];

    [Theory]
    [MemberData(nameof(Sizes))]
    public void Verify_PublishedCheckpoint_VerifiesWithTheLogKey(int size)
    {
        var verified = CheckpointVerifier.Verify(File.ReadAllText(Vectors.PathOf($"tessera-log/checkpoint.{size}")), [LogKey]);

        Assert.Equal("example.com/log/testdata", verified.Checkpoint.Origin);
        Assert.Equal(size, verified.Checkpoint.Size);
        Assert.Equal([LogKey], verified.Signers);
        Assert.Empty(verified.Cosignatures);
    }

    [Theory]
    [MemberData(nameof(Sizes))]
    public void RootHash_PublishedCheckpoint_IsRecomputedFromTheEntryBundle(int size)
    {
        var checkpoint = Deconflict.Ledger.Checkpoint.Checkpoint.Parse(SignedNote.Parse(File.ReadAllBytes(Vectors.PathOf($"tessera-log/checkpoint.{size}"))).Text);

        var leafHashes = Entries(size).Select(entry => MerkleHash.LeafHash(entry)).ToArray();

        Assert.Equal(checkpoint.RootHash.ToArray(), ReferenceTree.Root(leafHashes));
    }

    [Theory]
    [MemberData(nameof(Sizes))]
    public void LeafHash_EntryBundle_ReproducesTheLevel0Tile(int width)
    {
        if (width == 0)
        {
            Assert.False(File.Exists(Vectors.PathOf("tessera-log/tile/0/000.p/0")), "an empty tile is never published");
            return;
        }

        // c2sp.org/tlog-tiles: a level-0 tile is the concatenation of its leaves' 32-byte RFC 6962 leaf hashes.
        var tile = Entries(width).SelectMany(entry => MerkleHash.LeafHash(entry)).ToArray();

        Assert.Equal(File.ReadAllBytes(Vectors.PathOf($"tessera-log/tile/0/000.p/{width}")), tile);
    }

    [Fact]
    public void Verify_EveryFlippedByteOfACheckpoint_IsRejected()
    {
        var note = File.ReadAllBytes(Vectors.PathOf("tessera-log/checkpoint.15"));
        for (var i = 0; i < note.Length; i++)
        {
            foreach (var bit in new byte[] { 0x01, 0x20 })
            {
                var tampered = (byte[])note.Clone();
                tampered[i] ^= bit;
                Assert.Throws<LedgerException>(() => CheckpointVerifier.Verify(SignedNote.Parse(tampered), [LogKey]));
            }
        }
    }

    [Fact]
    public void Verify_FlippedByteInRootHash_ThrowsBadSignature()
    {
        var note = File.ReadAllText(Vectors.PathOf("tessera-log/checkpoint.15")).Replace("rKbDip", "rKbDiq", StringComparison.Ordinal);

        Assert.Equal(LedgerErrorCodes.NoteBadSignature, Assert.Throws<LedgerException>(() => CheckpointVerifier.Verify(note, [LogKey])).Code);
    }

    [Fact]
    public void Verify_OnlyAnUnknownKey_ThrowsNoKnownSignature()
    {
        using var stranger = SignerKey.Generate("example.com/log/testdata");
        var note = File.ReadAllText(Vectors.PathOf("tessera-log/checkpoint.15"));

        var e = Assert.Throws<LedgerException>(() => CheckpointVerifier.Verify(note, [stranger.VerifierKey]));

        Assert.Equal(LedgerErrorCodes.NoteNoKnownSignature, e.Code);
        Assert.Contains("example.com/log/testdata+33d7b496", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Verify_OverTheSignatureLimit_ThrowsTooManySignatures()
    {
        var note = File.ReadAllText(Vectors.PathOf("tessera-log/checkpoint.15"));
        var line = note.Split('\n')[4];
        var crowded = note + string.Concat(Enumerable.Repeat(line + "\n", SignedNote.MaxSignatures));

        Assert.Equal(LedgerErrorCodes.NoteTooManySignatures, Assert.Throws<LedgerException>(() => CheckpointVerifier.Verify(crowded, [LogKey])).Code);
        var atLimit = note + string.Concat(Enumerable.Repeat(line + "\n", SignedNote.MaxSignatures - 1));
        Assert.Equal(15, CheckpointVerifier.Verify(atLimit, [LogKey]).Checkpoint.Size);
    }

    [Fact]
    public void Sign_PublishedCheckpointText_ReproducesThePublishedNote()
    {
        // Ed25519 is deterministic (RFC 8032), so the published signer key must give the published note byte for byte.
        using var key = SignerKey.Parse(SignerKeyTests.TesseraSkey);
        var published = File.ReadAllText(Vectors.PathOf("tessera-log/checkpoint.7"));

        var note = CheckpointSigner.Sign(Deconflict.Ledger.Checkpoint.Checkpoint.Parse(SignedNote.Parse(published).Text), key);

        Assert.Equal(published, note.ToString());
    }

    /// <summary>The first <paramref name="count"/> entries, read from the entry bundle of that width
    /// (each entry prefixed by its big-endian uint16 length).</summary>
    private static List<byte[]> Entries(int count)
    {
        var entries = new List<byte[]>();
        if (count == 0)
        {
            return entries;
        }

        var bundle = File.ReadAllBytes(Vectors.PathOf($"tessera-log/tile/entries/000.p/{count}"));
        for (var at = 0; at < bundle.Length;)
        {
            var length = BinaryPrimitives.ReadUInt16BigEndian(bundle.AsSpan(at));
            entries.Add(bundle.AsSpan(at + 2, length).ToArray());
            at += 2 + length;
        }

        Assert.Equal(count, entries.Count);
        return entries;
    }
}
