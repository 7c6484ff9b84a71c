extern alias cli;

using System.Net;
using System.Security.Cryptography;
using cli::Deconflict.Cli.Witness;
using Deconflict.Ledger.Checkpoint;
using Deconflict.Ledger.Keys;
using Deconflict.Server.Acts;
using Deconflict.Server.Tests.Live;
using Deconflict.Server.Tests.Support;
using static Deconflict.Server.Tests.Support.DeconflictApplication;
using static Deconflict.Server.Tests.Support.Problems;

namespace Deconflict.Server.Tests.EndToEnd;

/// <summary>A party's witness (<c>deconflict witness</c>) against the real server: it cosigns checkpoints that extend
/// what it vouched for, and refuses forks, rollbacks and checkpoints the operator did not sign.</summary>
public sealed class WitnessTests
{
    private static async Task<Checkpoint> SignCheckpointAsync(DeconflictApplication app)
    {
        using var response = await SignedHttp.SendAsync(app, "uk", HttpMethod.Post, "/v1/ledger/checkpoints", new ByteArrayContent([]));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return Checkpoint.Parse(SignedNote.Parse(await response.Content.ReadAsStringAsync()).Text);
    }

    private static VerifierKey OperatorKey(DeconflictApplication app) =>
        VerifierKey.Parse(File.ReadAllText(Path.Combine(app.DataDirectory, "operator.pub")).Trim());

    private static (LedgerWitness Witness, string State, HttpClient Http) Witness(DeconflictApplication app, VerifierKey? operatorKey = null)
    {
        var state = Path.Combine(app.DataDirectory, "us.witness");
        var http = new HttpClient { BaseAddress = app.BaseAddress };
        return (new LedgerWitness(app.KeyOf("us"), operatorKey ?? OperatorKey(app), state, http, app.Clock), state, http);
    }

    private static async Task<IReadOnlyList<string>> CosignersAsync(DeconflictApplication app)
    {
        using var latest = await SignedHttp.SendAsync(app, "ru", HttpMethod.Get, "/v1/ledger/checkpoint");
        var verified = CheckpointVerifier.Verify(await latest.Content.ReadAsStringAsync(), [OperatorKey(app), app.KeyOf("us").VerifierKey, app.KeyOf("uk").VerifierKey]);
        return [.. verified.Cosignatures.Select(c => c.Key.Name)];
    }

    private static Task AppendAsync(DeconflictApplication app) =>
        app.Us.ActOkAsync(ActKinds.UnitRegister, new { units = new[] { new { id = $"us-{Guid.NewGuid():N}", cotUid = $"ANDROID-{Guid.NewGuid():N}", kind = "ground" } } });

    [Fact]
    public async Task ObserveAsync_GrowingLog_CosignsEachCheckpointOnceAfterCheckingItExtendsTheLast()
    {
        await using var app = await StartAsync();
        var (witness, state, http) = Witness(app);
        using var _ = http;
        Assert.Equal(WitnessAction.NoCheckpointYet, (await witness.ObserveAsync(CancellationToken.None)).Action);

        var first = await SignCheckpointAsync(app);
        Assert.Equal(new WitnessOutcome(WitnessAction.Cosigned, first.Size), await witness.ObserveAsync(CancellationToken.None));
        Assert.Equal(["us"], await CosignersAsync(app));

        await AppendAsync(app);
        await AppendAsync(app);
        var second = await SignCheckpointAsync(app);
        Assert.True(second.Size > first.Size);
        Assert.Equal(new WitnessOutcome(WitnessAction.Cosigned, second.Size), await witness.ObserveAsync(CancellationToken.None));
        Assert.Equal(new WitnessOutcome(WitnessAction.AlreadyCosigned, second.Size), await witness.ObserveAsync(CancellationToken.None));
        Assert.Equal(["us"], await CosignersAsync(app));
        Assert.Equal(second.Size, WitnessState.Load(state)!.Size);
        Assert.Equal(second.RootHash.ToArray(), WitnessState.Load(state)!.Root);
    }

    [Fact]
    public async Task ObserveAsync_HistoryOtherThanTheOneVouchedFor_RefusesAndCosignsNothing()
    {
        await using var app = await StartAsync();
        var (witness, state, http) = Witness(app);
        using var _ = http;
        var first = await SignCheckpointAsync(app);
        // The witness remembers another root at that size: the operator showed it a different history before.
        var other = new WitnessState(first.Origin, first.Size, RandomNumberGenerator.GetBytes(32));
        other.Save(state);
        await AppendAsync(app);
        await SignCheckpointAsync(app);

        var refusal = await Assert.ThrowsAsync<WitnessRefusal>(() => witness.ObserveAsync(CancellationToken.None));
        Assert.Contains("does not extend", refusal.Message, StringComparison.Ordinal);
        Assert.Empty(await CosignersAsync(app));
        Assert.Equal(other.Root, WitnessState.Load(state)!.Root);
    }

    [Fact]
    public async Task ObserveAsync_SameSizeDifferentRoot_RefusesAsFork()
    {
        await using var app = await StartAsync();
        var (witness, state, http) = Witness(app);
        using var _ = http;
        var checkpoint = await SignCheckpointAsync(app);
        new WitnessState(checkpoint.Origin, checkpoint.Size, RandomNumberGenerator.GetBytes(32)).Save(state);

        Assert.StartsWith("fork:", (await Assert.ThrowsAsync<WitnessRefusal>(() => witness.ObserveAsync(CancellationToken.None))).Message, StringComparison.Ordinal);
        Assert.Empty(await CosignersAsync(app));
    }

    [Fact]
    public async Task ObserveAsync_LogShorterThanVouchedFor_RefusesAsRollback()
    {
        await using var app = await StartAsync();
        var (witness, state, http) = Witness(app);
        using var _ = http;
        var checkpoint = await SignCheckpointAsync(app);
        new WitnessState(checkpoint.Origin, checkpoint.Size + 5, RandomNumberGenerator.GetBytes(32)).Save(state);

        Assert.Contains("went back", (await Assert.ThrowsAsync<WitnessRefusal>(() => witness.ObserveAsync(CancellationToken.None))).Message, StringComparison.Ordinal);
        Assert.Empty(await CosignersAsync(app));
    }

    [Fact]
    public async Task ObserveAsync_CheckpointNotSignedByThePinnedOperatorKey_Refuses()
    {
        await using var app = await StartAsync();
        using var impostor = SignerKey.Generate("deconflict-operator");
        var (witness, state, http) = Witness(app, impostor.VerifierKey);
        using var _ = http;
        await SignCheckpointAsync(app);

        Assert.Contains("does not verify with the operator key", (await Assert.ThrowsAsync<WitnessRefusal>(() => witness.ObserveAsync(CancellationToken.None))).Message, StringComparison.Ordinal);
        Assert.False(File.Exists(state));
        Assert.Empty(await CosignersAsync(app));
    }

    [Fact]
    public async Task CheckpointSchedule_LedgerGrew_OperatorSignsWithinAPeriodAndTheWitnessCosignsIt()
    {
        await using var app = await StartAsync();
        var (witness, _, http) = Witness(app);
        using var __ = http;
        await AppendAsync(app);
        var size = (await app.Us.GetJsonAsync("/v1/ledger")).GetProperty("size").GetInt64();

        app.Clock.Advance(TimeSpan.FromSeconds(61));
        var deadline = DateTime.UtcNow.AddSeconds(10);
        WitnessOutcome outcome;
        while ((outcome = await witness.ObserveAsync(CancellationToken.None)).Action == WitnessAction.NoCheckpointYet && DateTime.UtcNow < deadline)
        {
            await Task.Delay(50);
        }

        Assert.Equal(new WitnessOutcome(WitnessAction.Cosigned, size), outcome);
    }

    [Theory]
    [InlineData(0, 1)]
    [InlineData(3, 2)]
    [InlineData(1, 100_000)]
    public async Task Consistency_SizesOutsideTheLedger_RefusedAsBadRange(long from, long to)
    {
        await using var app = await StartAsync();
        await AssertProblemAsync(await SignedHttp.SendAsync(app, "us", HttpMethod.Get, $"/v1/ledger/consistency/{from}/{to}"), HttpStatusCode.BadRequest, "ledger.bad-range");
    }
}
