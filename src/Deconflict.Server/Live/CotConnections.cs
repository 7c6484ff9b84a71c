using System.Collections.Concurrent;
using Deconflict.Server.Cot;

namespace Deconflict.Server.Live;

/// <summary>The open TAK connections, by the party each authenticated as, for sending alerts back.</summary>
/// <threadsafety>Safe from any thread.</threadsafety>
internal sealed class CotConnections
{
    private static readonly TimeSpan SendTimeout = TimeSpan.FromSeconds(2);
    private readonly ConcurrentDictionary<CotStreamSession, string> _sessions = new();

    public void Add(string party, CotStreamSession session) => _sessions[session] = party;

    public void Remove(CotStreamSession session) => _sessions.TryRemove(session, out _);

    /// <summary>Sends each alert to every connection of its audience's parties, one write per connection; a connection that
    /// fails or stalls for 2 s is skipped (its own read loop ends it), so one slow client never holds up the others' alerts.</summary>
    public Task SendAsync(IReadOnlyList<(IReadOnlyList<string> Audience, CotAlertBytes Alert)> alerts, CancellationToken cancellationToken)
    {
        // Each party's alerts, in order, grouped once for all its connections.
        var byParty = new Dictionary<string, List<CotAlertBytes>>(StringComparer.Ordinal);
        foreach (var (audience, alert) in alerts)
        {
            foreach (var party in audience)
            {
                if (!byParty.TryGetValue(party, out var list))
                {
                    byParty[party] = list = [];
                }

                list.Add(alert);
            }
        }

        var sends = new List<Task>();
        foreach (var (session, party) in _sessions)
        {
            if (byParty.TryGetValue(party, out var mine))
            {
                sends.Add(SendOneAsync(session, mine, cancellationToken));
            }
        }

        return Task.WhenAll(sends);
    }

    private static async Task SendOneAsync(CotStreamSession session, IReadOnlyList<CotAlertBytes> alert, CancellationToken cancellationToken)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(SendTimeout);
        try
        {
            await session.SendAsync(alert, timeout.Token);
        }
        catch (Exception e) when (e is IOException or ObjectDisposedException or OperationCanceledException)
        {
            // The peer is gone or stalled: its session ends on its own read side.
        }
    }
}
