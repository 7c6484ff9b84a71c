using System.Net;
using System.Text;
using Deconflict.Ledger.Checkpoint;
using Deconflict.Server.Tests.Live;
using Deconflict.Server.Tests.Support;
using static Deconflict.Server.Tests.Support.DeconflictApplication;
using static Deconflict.Server.Tests.Support.Problems;

namespace Deconflict.Server.Tests.EndToEnd;

/// <summary>Each party's witness journey: the operator signs a checkpoint on request, each party cosigns it, and nobody can
/// cosign for another party or with a key that is not its own.</summary>
public sealed class CheckpointTests
{
    private static async Task<SignedNote> SignAsync(DeconflictApplication app)
    {
        using var response = await SignedHttp.SendAsync(app, "us", HttpMethod.Post, "/v1/ledger/checkpoints", new ByteArrayContent([]));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return SignedNote.Parse(await response.Content.ReadAsStringAsync());
    }

    private static Task<HttpResponseMessage> CosignAsync(DeconflictApplication app, string asParty, long size, NoteSignature cosignature) =>
        SignedHttp.SendAsync(app, asParty, HttpMethod.Post, $"/v1/ledger/checkpoints/{size}/cosignatures", new StringContent(cosignature.ToString()));

    [Fact]
    public async Task Cosign_ByEveryParty_LatestCheckpointCarriesEachCosignature()
    {
        await using var app = await StartAsync();
        var note = await SignAsync(app);
        var size = Checkpoint.Parse(note.Text).Size;

        foreach (var party in new[] { "ru", "uk", "us" })
        {
            using var response = await CosignAsync(app, party, size, Cosigner.Cosign(note, app.KeyOf(party), app.Clock.GetUtcNow()));
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        }

        using var latest = await SignedHttp.SendAsync(app, "ru", HttpMethod.Get, "/v1/ledger/checkpoint");
        var verified = CheckpointVerifier.Verify(await latest.Content.ReadAsStringAsync(), [Deconflict.Ledger.Keys.VerifierKey.Parse(File.ReadAllText(Path.Combine(app.DataDirectory, "operator.pub")).Trim()), app.KeyOf("us").VerifierKey, app.KeyOf("uk").VerifierKey, app.KeyOf("ru").VerifierKey]);
        Assert.Equal(["ru", "uk", "us"], verified.Cosignatures.Select(c => c.Key.Name).Order(StringComparer.Ordinal));
        Assert.Equal(size, verified.Checkpoint.Size);
    }

    [Fact]
    public async Task Cosign_ForAnotherParty_IsRefused()
    {
        await using var app = await StartAsync();
        var note = await SignAsync(app);

        await AssertProblemAsync(await CosignAsync(app, "us", Checkpoint.Parse(note.Text).Size, Cosigner.Cosign(note, app.KeyOf("ru"), app.Clock.GetUtcNow())),
            HttpStatusCode.Forbidden, "act.for-another-party");
    }

    [Fact]
    public async Task Cosign_WithAnotherKeyUnderTheName_IsRefusedAsBadCosignature()
    {
        await using var app = await StartAsync();
        var note = await SignAsync(app);
        using var impostor = Deconflict.Ledger.Keys.SignerKey.Generate("us");

        await AssertProblemAsync(await CosignAsync(app, "us", Checkpoint.Parse(note.Text).Size, Cosigner.Cosign(note, impostor, app.Clock.GetUtcNow())),
            HttpStatusCode.BadRequest, "checkpoint.bad-cosignature");
    }

    [Fact]
    public async Task Cosign_UnknownSizeOrGarbage_IsRefused()
    {
        await using var app = await StartAsync();
        var note = await SignAsync(app);

        await AssertProblemAsync(await CosignAsync(app, "us", 999, Cosigner.Cosign(note, app.KeyOf("us"), app.Clock.GetUtcNow())), HttpStatusCode.NotFound, "checkpoint.unknown");
        await AssertProblemAsync(await SignedHttp.SendAsync(app, "us", HttpMethod.Post, $"/v1/ledger/checkpoints/{Checkpoint.Parse(note.Text).Size}/cosignatures", new StringContent("not a signature line")),
            HttpStatusCode.BadRequest, "checkpoint.bad-cosignature");
    }
}
