using System.Buffers.Binary;
using System.Security.Cryptography;
using System.Text;
using Deconflict.Ledger.Checkpoint;
using Deconflict.Ledger.Keys;

namespace Deconflict.Ledger.Tests.Checkpoint;

using Checkpoint = Deconflict.Ledger.Checkpoint.Checkpoint;

public sealed class CosignerTests : IDisposable
{
    private static readonly DateTimeOffset CosignedAt = DateTimeOffset.FromUnixTimeSeconds(1_764_072_000);

    private readonly SignerKey _operator = SignerKey.Generate("deconflict.example/ledger");
    private readonly SignerKey _us = SignerKey.Generate("us");
    private readonly SignerKey _ru = SignerKey.Generate("ru");

    public void Dispose()
    {
        _operator.Dispose();
        _us.Dispose();
        _ru.Dispose();
    }

    [Fact]
    public void Cosign_Checkpoint_SignsTheTlogCosignatureV1Message()
    {
        var note = SignedCheckpoint();

        var line = Cosigner.Cosign(note, _us, CosignedAt);

        // c2sp.org/tlog-cosignature, written out independently: key ID over 0x04, timestamp, message.
        var expectedId = BinaryPrimitives.ReadUInt32BigEndian(SHA256.HashData([.. "us\n"u8, 0x04, .. _us.VerifierKey.PublicKey.Span]));
        Assert.Equal("us", line.KeyName);
        Assert.Equal(expectedId, line.KeyId);
        Assert.Equal(1_764_072_000ul, BinaryPrimitives.ReadUInt64BigEndian(line.Signature.Span));
        var message = Encoding.UTF8.GetBytes("cosignature/v1\ntime 1764072000\n" + note.Text);
        Assert.True(_us.VerifierKey.Verify(message, line.Signature.Span[8..]));
    }

    [Fact]
    public void Verify_CosignedCheckpoint_ListsTheLogSignerAndEachCosignerWithTime()
    {
        var note = SignedCheckpoint();
        note = note.WithSignature(Cosigner.Cosign(note, _us, CosignedAt)).WithSignature(Cosigner.Cosign(note, _ru, CosignedAt.AddSeconds(5)));

        var verified = CheckpointVerifier.Verify(note.ToString(), [_operator.VerifierKey, _us.VerifierKey, _ru.VerifierKey]);

        Assert.Equal([_operator.VerifierKey], verified.Signers);
        Assert.Equal(
            [new Cosignature(_us.VerifierKey.ToCosignatureKey(), CosignedAt), new Cosignature(_ru.VerifierKey.ToCosignatureKey(), CosignedAt.AddSeconds(5))],
            verified.Cosignatures);
    }

    [Fact]
    public void Verify_CosignerNotTrusted_IgnoresItsCosignature()
    {
        var note = SignedCheckpoint();
        note = note.WithSignature(Cosigner.Cosign(note, _us, CosignedAt));

        var verified = CheckpointVerifier.Verify(note.ToString(), [_operator.VerifierKey]);

        Assert.Empty(verified.Cosignatures);
    }

    [Fact]
    public void Verify_CosignatureWithAlteredTimestamp_ThrowsBadSignature()
    {
        var note = SignedCheckpoint();
        var line = Cosigner.Cosign(note, _us, CosignedAt);
        var blob = line.Signature.ToArray();
        blob[7] ^= 1;
        note = note.WithSignature(new NoteSignature(line.KeyName, line.KeyId, blob));

        var e = Assert.Throws<LedgerException>(() => CheckpointVerifier.Verify(note.ToString(), [_operator.VerifierKey, _us.VerifierKey]));

        Assert.Equal(LedgerErrorCodes.NoteBadSignature, e.Code);
        Assert.Contains("cosignature", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Verify_OnlyCosignaturesFromKnownKeys_ThrowsUnsigned()
    {
        var note = SignedCheckpoint();
        note = note.WithSignature(Cosigner.Cosign(note, _us, CosignedAt));

        Assert.Equal(LedgerErrorCodes.CheckpointUnsigned, Assert.Throws<LedgerException>(() => CheckpointVerifier.Verify(note.ToString(), [_us.VerifierKey])).Code);
    }

    [Fact]
    public void Verify_CosignatureReplayedAsPlainSignature_DoesNotVerify()
    {
        // The same Ed25519 key signs different messages in each role; a cosignature line relabelled with the
        // type 0x01 key ID must fail as a note signature.
        var note = SignedCheckpoint();
        var cosignature = Cosigner.Cosign(note, _us, CosignedAt);
        note = note.WithSignature(new NoteSignature("us", _us.KeyId, cosignature.Signature.Span[8..]));

        Assert.Equal(LedgerErrorCodes.NoteBadSignature, Assert.Throws<LedgerException>(() => CheckpointVerifier.Verify(note.ToString(), [_operator.VerifierKey, _us.VerifierKey])).Code);
    }

    [Fact]
    public void Cosign_NoteThatIsNotACheckpoint_ThrowsCheckpointMalformed()
    {
        var note = new SignedNote("just some text\n", []);

        Assert.Equal(LedgerErrorCodes.CheckpointMalformed, Assert.Throws<LedgerException>(() => Cosigner.Cosign(note, _us, CosignedAt)).Code);
    }

    [Fact]
    public void Cosign_TimeBeforeEpoch_ThrowsNamingTime() =>
        Assert.Equal("time", Assert.Throws<ArgumentOutOfRangeException>(() => Cosigner.Cosign(SignedCheckpoint(), _us, DateTimeOffset.UnixEpoch.AddSeconds(-1))).ParamName);

    private SignedNote SignedCheckpoint() =>
        CheckpointSigner.Sign(new Checkpoint("deconflict.example/ledger", 3, SHA256.HashData("root"u8)), _operator);
}
