using Deconflict.Ledger.Checkpoint;
using Deconflict.Ledger.Keys;
using Deconflict.Ledger.Proof;
using Deconflict.Ledger.Tests.Support;

namespace Deconflict.Ledger.Tests;

public sealed partial class SignedLogTests
{
    private static readonly DateTimeOffset CosignTime = DateTimeOffset.FromUnixTimeSeconds(1_764_072_000);

    [Fact]
    public async Task CheckpointAsync_AfterAppends_SignsSizeAndRootWithOperatorKey()
    {
        await using var log = await OpenAsync();
        for (int seq = 1; seq <= 5; seq++)
        {
            await log.AppendAsync(TestEnvelopes.Sign(_alpha, seq));
        }

        var note = await log.CheckpointAsync();

        var verified = CheckpointVerifier.Verify(note, [_operator.VerifierKey]);
        Assert.Equal(Origin, verified.Checkpoint.Origin);
        Assert.Equal(5, verified.Checkpoint.Size);
        Assert.Equal(log.Root.ToArray(), verified.Checkpoint.RootHash.ToArray());
        Assert.Equal(note.ToString(), (await log.LatestCheckpointAsync())!.ToString());
    }

    [Fact]
    public async Task AddCosignatureAsync_BothParties_LatestCheckpointCarriesBothCosignatures()
    {
        await using var log = await OpenAsync();
        await log.AppendAsync(TestEnvelopes.Sign(_alpha, 1));
        var note = await log.CheckpointAsync();

        await log.AddCosignatureAsync(1, Cosigner.Cosign(note, _alpha, CosignTime));
        var cosigned = await log.AddCosignatureAsync(1, Cosigner.Cosign(note, _bravo, CosignTime));

        var verified = CheckpointVerifier.Verify(cosigned, [_operator.VerifierKey, _alpha.VerifierKey, _bravo.VerifierKey]);
        Assert.Equal(["alpha", "bravo"], verified.Cosignatures.Select(c => c.Key.Name).Order());
        Assert.Equal(cosigned.ToString(), (await log.LatestCheckpointAsync())!.ToString());
    }

    [Fact]
    public async Task LatestCheckpointCosignedByAsync_NewerNotYetCosigned_ReturnsTheLargestCosignedByAllAtLeastMinSize()
    {
        await using var log = await OpenAsync();
        var notes = new List<SignedNote>();
        for (int seq = 1; seq <= 3; seq++)
        {
            await log.AppendAsync(TestEnvelopes.Sign(_alpha, seq));
            notes.Add(await log.CheckpointAsync());
        }

        // Size 1 cosigned by both, size 2 by alpha only, size 3 by nobody.
        await log.AddCosignatureAsync(1, Cosigner.Cosign(notes[0], _alpha, CosignTime));
        await log.AddCosignatureAsync(1, Cosigner.Cosign(notes[0], _bravo, CosignTime));
        await log.AddCosignatureAsync(2, Cosigner.Cosign(notes[1], _alpha, CosignTime));

        var both = await log.LatestCheckpointCosignedByAsync(["alpha", "bravo"], 1);
        Assert.Equal(1, Deconflict.Ledger.Checkpoint.Checkpoint.Parse(both!.Text).Size);
        Assert.Equal(3, both.Signatures.Count);
        Assert.Equal(2, Deconflict.Ledger.Checkpoint.Checkpoint.Parse((await log.LatestCheckpointCosignedByAsync(["alpha"], 1))!.Text).Size);
        Assert.Null(await log.LatestCheckpointCosignedByAsync(["alpha", "bravo"], 2));
        Assert.Equal(3, Deconflict.Ledger.Checkpoint.Checkpoint.Parse((await log.LatestCheckpointCosignedByAsync([], 0))!.Text).Size);
    }

    [Fact]
    public async Task AddCosignatureAsync_ByImpostorOrStranger_RefusedAndNotStored()
    {
        await using var log = await OpenAsync();
        await log.AppendAsync(TestEnvelopes.Sign(_alpha, 1));
        var note = await log.CheckpointAsync();
        using var impostor = SignerKey.Generate("alpha");
        using var stranger = SignerKey.Generate("stranger");

        var forged = await Assert.ThrowsAsync<LedgerException>(() => log.AddCosignatureAsync(1, Cosigner.Cosign(note, impostor, CosignTime)));
        var unknown = await Assert.ThrowsAsync<LedgerException>(() => log.AddCosignatureAsync(1, Cosigner.Cosign(note, stranger, CosignTime)));

        Assert.Equal(LedgerErrorCodes.NoteNoKnownSignature, forged.Code);
        Assert.Equal(LedgerErrorCodes.EnvelopeUnknownParty, unknown.Code);
        Assert.Single((await log.LatestCheckpointAsync())!.Signatures);
    }

    [Fact]
    public async Task CreateProofFileAsync_CosignedCheckpoint_VerifiesOfflineWithPublicKeysOnly()
    {
        await using var log = await OpenAsync();
        for (int seq = 1; seq <= 20; seq++)
        {
            await log.AppendAsync(TestEnvelopes.Sign(seq % 2 == 0 ? _alpha : _bravo, seq));
        }

        var note = await log.CheckpointAsync();
        await log.AddCosignatureAsync(20, Cosigner.Cosign(note, _alpha, CosignTime));
        await log.AddCosignatureAsync(20, Cosigner.Cosign(note, _bravo, CosignTime));

        var file = ProofFile.Parse((await log.CreateProofFileAsync(13)).Format());
        var result = ProofFileVerifier.Verify(file, [_operator.VerifierKey, _alpha.VerifierKey, _bravo.VerifierKey], minCosignatures: 2);

        Assert.True(result.Succeeded, result.Failure);
        Assert.Equal(13, result.Index);
        Assert.Equal(14, result.Entry!.Envelope.Seq);
    }

    [Fact]
    public async Task CreateProofFileAsync_EntryNewerThanLatestCheckpoint_SignsNewCheckpoint()
    {
        await using var log = await OpenAsync();
        await log.AppendAsync(TestEnvelopes.Sign(_alpha, 1));
        await log.CheckpointAsync();
        await log.AppendAsync(TestEnvelopes.Sign(_alpha, 2));

        var file = await log.CreateProofFileAsync(1);

        Assert.Equal(2, Deconflict.Ledger.Checkpoint.Checkpoint.Parse(file.Checkpoint.Text).Size);
        Assert.True(ProofFileVerifier.Verify(file, [_operator.VerifierKey, _alpha.VerifierKey]).Succeeded);
    }
}
