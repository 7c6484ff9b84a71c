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
        // The next page is read and parsed on another thread while the caller folds this one: a replay at startup then
        // keeps both cores busy (parsing canonical JSON and folding the state cost about the same).
        var size = log.Size;
        var next = size > 0 ? ReadPageAsync(0, size, cancellationToken) : null;
        for (long start = 0; next is not null; start += Page)
        {
            var page = await next;
            next = start + Page < size ? ReadPageAsync(start + Page, size, cancellationToken) : null;
            foreach (var entry in page)
            {
                yield return (entry.Index, entry.Envelope);
            }
        }
    }

    private Task<IReadOnlyList<LogEntry>> ReadPageAsync(long start, long size, CancellationToken cancellationToken) =>
        Task.Run(async () => await log.ReadRangeAsync(start, (int)Math.Min(Page, size - start), cancellationToken), cancellationToken);

    public ValueTask DisposeAsync() => log.DisposeAsync();
}
