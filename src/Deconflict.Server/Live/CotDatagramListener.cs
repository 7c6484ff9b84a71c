using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
using Deconflict.Declare;
using Deconflict.Server.Cot;
using Deconflict.Server.Hosting;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Deconflict.Server.Live;

/// <summary>CoT over UDP on the same port number as the TCP listener: one XML event or TAK mesh frame per datagram.
/// A sender authenticates with a datagram that starts with <c>DECONFLICT-SESSION &lt;token&gt;\n</c> (an event may follow
/// in the same datagram); later datagrams from the same address and port are attributed to that party until it has been
/// silent for <see cref="IdleTimeout"/>. Datagrams from unbound senders are counted and dropped.</summary>
/// <remarks>UDP source addresses can be forged on a shared network: prefer TCP (or <c>deconflict relay</c>) where that
/// matters. No alerts are sent back over UDP.</remarks>
/// <threadsafety>Started and stopped by the host; one receive loop.</threadsafety>
internal sealed class CotDatagramListener(
    ServerOptions options, CotListener tcp, CotSessionTokens tokens, CotDecoder decoder, LiveTracker live, LiveCounters counters,
    TimeProvider clock, ILogger<CotDatagramListener> logger) : BackgroundService
{
    /// <summary>How long a sender's binding to its party lasts without a datagram.</summary>
    public static readonly TimeSpan IdleTimeout = TimeSpan.FromMinutes(2);

    private readonly ConcurrentDictionary<IPEndPoint, (PartyId Party, DateTimeOffset LastSeen)> _senders = new();
    private UdpClient? _udp;

    public override Task StartAsync(CancellationToken cancellationToken)
    {
        _udp = new UdpClient(new IPEndPoint(options.CotAddress, tcp.Port));
        LiveLog.ListeningUdp(logger, _udp.Client.LocalEndPoint!.ToString()!);
        return base.StartAsync(cancellationToken);
    }

    public override async Task StopAsync(CancellationToken cancellationToken)
    {
        _udp?.Dispose();
        await base.StopAsync(cancellationToken);
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            UdpReceiveResult received;
            try
            {
                received = await _udp!.ReceiveAsync(stoppingToken);
            }
            catch (Exception e) when (e is OperationCanceledException or ObjectDisposedException)
            {
                return;
            }
            catch (SocketException)
            {
                continue; // e.g. an ICMP port-unreachable reported on this socket
            }

            await HandleAsync(received.Buffer, received.RemoteEndPoint, stoppingToken);
        }
    }

    private async Task HandleAsync(byte[] datagram, IPEndPoint sender, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        var body = datagram.AsMemory();
        if (datagram.AsSpan().StartsWith(CotSessionTokens.PrefixBytes))
        {
            var end = Array.IndexOf(datagram, (byte)'\n');
            if (tokens.RedeemLine(datagram.AsSpan(0, end < 0 ? datagram.Length : end)) is { } party)
            {
                _senders[sender] = (party, now);
            }

            body = end < 0 ? Memory<byte>.Empty : body[(end + 1)..];
        }

        if (!_senders.TryGetValue(sender, out var bound) || now - bound.LastSeen > IdleTimeout)
        {
            _senders.TryRemove(sender, out _);
            counters.CountUnauthenticatedDatagram();
            return;
        }

        _senders[sender] = (bound.Party, now);
        if (body.Length > 0 && decoder.DecodeDatagram(body.Span, out var cot) == CotDropReason.None && !TakNegotiation.IsControl(cot!))
        {
            await live.IngestCotAsync(bound.Party, [cot!], $"cot-udp session for party {bound.Party}, {sender}", cancellationToken);
        }
    }
}
