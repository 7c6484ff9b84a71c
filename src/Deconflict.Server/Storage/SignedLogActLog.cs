using System.Runtime.CompilerServices;
using Deconflict.Ledger;
using Deconflict.Ledger.Envelope;
using Deconflict.Ledger.Keys;
using Deconflict.Server.Ports;

namespace Deconflict.Server.Storage;

/// <summary>The server's ledger port over <see cref="SignedLog"/> (SQLite in the data folder, or PostgreSQL).</summary>
internal sealed class SignedLogActLog(SignedLog log) : IActLog, IAsyncDisposable
{
    private const int Page = 1024;

    public SignedLog Log => log;

    public long Size => log.Size;

    public void Trust(VerifierKey key)
    {
        if (!log.Keyring.TryGet(key.Name, out var known) || !known.Equals(key))
        {
            log.RegisterParty(key);
        }
    }

    public AdmittedEnvelope Admit(SignedEnvelope envelope) => log.Admit(envelope);

    public AdmittedEnvelope SignAsOperator(Envelope envelope) => log.SignAsOperator(envelope);

    public async ValueTask<long> AppendAsync(AdmittedEnvelope envelope, CancellationToken cancellationToken) =>
        (await log.AppendAsync(envelope, cancellationToken)).Index;

    public async IAsyncEnumerable<(long Index, SignedEnvelope Envelope)> ReadAllAsync([EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var size = log.Size;
        for (long start = 0; start < size; start += Page)
        {
            foreach (var entry in await log.ReadRangeAsync(start, (int)Math.Min(Page, size - start), cancellationToken))
            {
                yield return (entry.Index, entry.Envelope);
            }
        }
    }

    public ValueTask DisposeAsync() => log.DisposeAsync();
}
