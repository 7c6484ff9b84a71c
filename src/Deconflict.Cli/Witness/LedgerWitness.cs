extern alias server;

using System.Net;
using System.Text;
using System.Text.Json;
using Deconflict.Ledger;
using Deconflict.Ledger.Checkpoint;
using Deconflict.Ledger.Keys;
using Deconflict.Ledger.Merkle;
using server::Deconflict.Server.Auth;

namespace Deconflict.Cli.Witness;

/// <summary>
/// A party's witness of the deployment's ledger: it cosigns the operator's latest checkpoint (c2sp.org/tlog-cosignature)
/// only after checking that it extends the last checkpoint the witness vouched for, so that the operator cannot show
/// the parties two different histories, or rewrite one, without a witness refusing.
/// </summary>
/// <remarks>
/// <para>One <see cref="ObserveAsync"/>: fetch <c>GET /v1/ledger/checkpoint</c>; verify the operator's signature with the
/// pinned operator key and the origin with the remembered one; if the tree grew, fetch
/// <c>GET /v1/ledger/consistency/{old}/{new}</c> and verify it (RFC 9162) against the remembered root; if it is the same
/// size, the root must be the same. Then the new state is saved (durably, before the cosignature leaves, so the witness
/// never vouches for a checkpoint it has not recorded) and the cosignature is posted. The first checkpoint ever seen is
/// taken on trust, as every witness's first is: the empty tree is consistent with any tree.</para>
/// <para>Anything else is a <see cref="WitnessRefusal"/>: nothing is cosigned and the state is left as it was.</para>
/// </remarks>
/// <threadsafety>Not thread-safe: one witness process per state file.</threadsafety>
internal sealed class LedgerWitness(SignerKey key, VerifierKey operatorKey, string statePath, HttpClient http, TimeProvider clock)
{
    private readonly RequestSigner _signer = new(key, clock);

    /// <summary>Checks the latest checkpoint and cosigns it if it extends what the witness vouched for.</summary>
    /// <returns>What was done.</returns>
    /// <exception cref="WitnessRefusal">The checkpoint must not be cosigned (see remarks).</exception>
    /// <exception cref="HttpRequestException">The server could not be reached or refused a request.</exception>
    /// <exception cref="InvalidDataException">The state file is damaged.</exception>
    public async Task<WitnessOutcome> ObserveAsync(CancellationToken cancellationToken)
    {
        using var response = await http.SendAsync(_signer.Sign(HttpMethod.Get, new Uri(http.BaseAddress!, "/v1/ledger/checkpoint")), cancellationToken);
        if (response.StatusCode == HttpStatusCode.NotFound)
        {
            return new WitnessOutcome(WitnessAction.NoCheckpointYet, 0);
        }

        var text = await TextOrThrowAsync(response, "GET /v1/ledger/checkpoint", cancellationToken);
        VerifiedCheckpoint verified;
        try
        {
            verified = CheckpointVerifier.Verify(text, [operatorKey, key.VerifierKey]);
        }
        catch (LedgerException e)
        {
            throw new WitnessRefusal($"the latest checkpoint does not verify with the operator key {operatorKey.Name}: {e.Message}");
        }

        var checkpoint = verified.Checkpoint;
        var root = checkpoint.RootHash.ToArray();
        var last = WitnessState.Load(statePath);
        if (last is not null)
        {
            await CheckExtendsAsync(last, checkpoint, root, cancellationToken);
        }

        new WitnessState(checkpoint.Origin, checkpoint.Size, root).Save(statePath);
        if (verified.Cosignatures.Any(c => c.Key.Name == key.Name))
        {
            return new WitnessOutcome(WitnessAction.AlreadyCosigned, checkpoint.Size);
        }

        var line = Encoding.UTF8.GetBytes(Cosigner.Cosign(verified.Note, key, clock.GetUtcNow()).ToString());
        using var posted = await http.SendAsync(_signer.Sign(HttpMethod.Post, new Uri(http.BaseAddress!, $"/v1/ledger/checkpoints/{checkpoint.Size}/cosignatures"), line), cancellationToken);
        await TextOrThrowAsync(posted, "POST the cosignature", cancellationToken);
        return new WitnessOutcome(WitnessAction.Cosigned, checkpoint.Size);
    }

    private async Task CheckExtendsAsync(WitnessState last, Checkpoint checkpoint, byte[] root, CancellationToken cancellationToken)
    {
        if (checkpoint.Origin != last.Origin)
        {
            throw new WitnessRefusal($"the checkpoint is of log '{checkpoint.Origin}', but this witness watches '{last.Origin}'");
        }

        if (checkpoint.Size < last.Size)
        {
            throw new WitnessRefusal($"the log went back: the latest checkpoint has {checkpoint.Size} entries, but this witness cosigned one of {last.Size}");
        }

        if (checkpoint.Size == last.Size)
        {
            if (!root.AsSpan().SequenceEqual(last.Root))
            {
                throw new WitnessRefusal($"fork: the checkpoint of size {checkpoint.Size} has root {Convert.ToBase64String(root)}, but this witness cosigned root {Convert.ToBase64String(last.Root)} at that size");
            }

            return;
        }

        var path = $"/v1/ledger/consistency/{last.Size}/{checkpoint.Size}";
        using var response = await http.SendAsync(_signer.Sign(HttpMethod.Get, new Uri(http.BaseAddress!, path)), cancellationToken);
        using var document = JsonDocument.Parse(await TextOrThrowAsync(response, "GET " + path, cancellationToken));
        var proof = document.RootElement.GetProperty("proof").EnumerateArray().Select(h => h.GetBytesFromBase64()).ToList();
        if (!MerkleVerifier.VerifyConsistency(last.Size, checkpoint.Size, proof, last.Root, root))
        {
            throw new WitnessRefusal($"fork: the checkpoint of size {checkpoint.Size} does not extend the one of size {last.Size} this witness cosigned (the consistency proof fails)");
        }
    }

    private static async Task<string> TextOrThrowAsync(HttpResponseMessage response, string what, CancellationToken cancellationToken)
    {
        var text = await response.Content.ReadAsStringAsync(cancellationToken);
        return response.IsSuccessStatusCode ? text : throw new HttpRequestException($"{what}: {(int)response.StatusCode} {text}", null, response.StatusCode);
    }
}
