using System.Net;
using System.Net.Sockets;
using Deconflict.Declare;
using Deconflict.Server.Cot;
using Deconflict.Server.Hosting;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Deconflict.Server.Live;

/// <summary>The CoT listener: TCP on <c>--cot-port</c> (default 8087; 0 picks a free port, see <see cref="Port"/>) at
/// <c>--cot-address</c> (default all interfaces). Each connection first sends <c>DECONFLICT-SESSION &lt;token&gt;\n</c>
/// (a token from <c>POST /v1/cot/sessions</c>); then CoT XML events back to back, or TAK Protocol version 1 after the
/// negotiation the server offers, one <see cref="CotStreamSession"/> per connection. Alerts go back on the same socket.</summary>
/// <threadsafety>Started and stopped by the host.</threadsafety>
internal sealed class CotListener(
    ServerOptions options, CotSessionTokens tokens, CotDecoder decoder, LiveTracker live, CotConnections connections,
    TimeProvider clock, ILogger<CotListener> logger) : BackgroundService
{
    private const int MaxFirstLineBytes = 256;
    private static readonly TimeSpan FirstLineTimeout = TimeSpan.FromSeconds(10);
    private TcpListener? _listener;

    /// <summary>The bound TCP port, once started.</summary>
    public int Port => ((IPEndPoint)_listener!.LocalEndpoint).Port;

    public override Task StartAsync(CancellationToken cancellationToken)
    {
        // Bound before the host reports started, so the port is known to whoever started it.
        _listener = new TcpListener(options.CotAddress, options.CotPort);
        _listener.Start();
        LiveLog.Listening(logger, _listener.LocalEndpoint.ToString()!);
        return base.StartAsync(cancellationToken);
    }

    public override async Task StopAsync(CancellationToken cancellationToken)
    {
        _listener?.Stop();
        await base.StopAsync(cancellationToken);
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var running = new List<Task>();
        try
        {
            while (!stoppingToken.IsCancellationRequested)
            {
                var client = await _listener!.AcceptTcpClientAsync(stoppingToken);
                running.RemoveAll(t => t.IsCompleted);
                running.Add(ServeAsync(client, stoppingToken));
            }
        }
        catch (Exception e) when (e is OperationCanceledException or ObjectDisposedException or SocketException)
        {
            // Stopping.
        }

        await Task.WhenAll(running);
    }

    private async Task ServeAsync(TcpClient client, CancellationToken stoppingToken)
    {
        using var socket = client;
        var remote = socket.Client.RemoteEndPoint?.ToString() ?? "?";
        try
        {
            var stream = socket.GetStream();
            var party = await AuthenticateAsync(stream, stoppingToken);
            if (party is null)
            {
                LiveLog.Refused(logger, remote, "no valid session token on the first line");
                return;
            }

            var connection = $"cot-tcp session for party {party}, {remote}";
            LiveLog.Connected(logger, remote, party.Value.Name);
            var session = CotStreamSession.Batched(stream, decoder, (events, ct) => new ValueTask(live.IngestCotAsync(party.Value, events, connection, ct)), clock);
            connections.Add(party.Value.Name, session);
            try
            {
                LiveLog.Ended(logger, remote, (await session.RunAsync(stoppingToken)).ToString());
            }
            finally
            {
                connections.Remove(session);
            }
        }
        catch (Exception e) when (e is IOException or OperationCanceledException or ObjectDisposedException or SocketException)
        {
            LiveLog.Ended(logger, remote, e.GetType().Name);
        }
    }

    // Reads the first line byte by byte (it is short and read once), so nothing of the CoT stream after it is consumed.
    private async Task<PartyId?> AuthenticateAsync(NetworkStream stream, CancellationToken stoppingToken)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(stoppingToken);
        timeout.CancelAfter(FirstLineTimeout);
        var line = new byte[MaxFirstLineBytes];
        var length = 0;
        var one = new byte[1];
        while (length < line.Length)
        {
            if (await stream.ReadAsync(one, timeout.Token) == 0)
            {
                return null;
            }

            if (one[0] == (byte)'\n')
            {
                return tokens.RedeemLine(line.AsSpan(0, length));
            }

            line[length++] = one[0];
        }

        return null;
    }
}
