using System.ComponentModel;
using System.Net;
using System.Net.Sockets;
using Deconflict.Cli.Relay;
using Deconflict.Ledger.Keys;
using Spectre.Console.Cli;

namespace Deconflict.Cli.Commands;

/// <summary><c>deconflict relay --key PARTY.key --server URL [--cot-port P --unit UID=UNIT ...] [--every S]</c>.</summary>
[Description("Forward your units' positions to the server as signed track.batch acts: from CoT on a local port (--cot-port), or NDJSON on stdin.")]
internal sealed class RelayCommand : AsyncCommand<RelayCommand.Settings>
{
    public sealed class Settings : CommandSettings
    {
        [CommandOption("--key <PARTY.key>")]
        [Description("The party's private key file; batches are signed with it (seqs kept in PARTY.key.seq).")]
        public string Key { get; init; } = "";

        [CommandOption("--server <URL>")]
        [Description("The Deconflict server, such as https://deconflict.example:8443.")]
        public string Server { get; init; } = "";

        [CommandOption("--cot-port <PORT>")]
        [Description("Listen for CoT (XML or TAK Protocol v1) on this TCP port; without it, read NDJSON reports from stdin.")]
        public int? CotPort { get; init; }

        [CommandOption("--cot-address <ADDRESS>")]
        [Description("The address to listen on for CoT. Default 127.0.0.1.")]
        public string CotAddress { get; init; } = "127.0.0.1";

        [CommandOption("--unit <UID=UNIT>")]
        [Description("Maps a device's CoT uid to a registered unit id; repeat for each unit. Other uids are counted and dropped.")]
        public string[] Units { get; init; } = [];

        [CommandOption("--every <SECONDS>")]
        [Description("How often to send a batch. Default 5.")]
        public double Every { get; init; } = 5;
    }

    public override async Task<int> ExecuteAsync(CommandContext context, Settings settings, CancellationToken cancellationToken)
    {
        if (settings.Key.Length == 0 || !Uri.TryCreate(settings.Server, UriKind.Absolute, out var server) || settings.Every <= 0)
        {
            return Failure.Report(ExitCodes.UnusableInput, "relay needs --key PARTY.key, --server URL and a positive --every");
        }

        var units = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var pair in settings.Units)
        {
            var at = pair.IndexOf('=', StringComparison.Ordinal);
            if (at <= 0 || at == pair.Length - 1)
            {
                return Failure.Report(ExitCodes.UnusableInput, $"--unit should be UID=UNIT; got '{pair}'");
            }

            units[pair[..at]] = pair[(at + 1)..];
        }

        using var key = SignerKey.Parse(await File.ReadAllTextAsync(settings.Key, cancellationToken));
        var relay = new TrackRelay(key, settings.Key + ".seq", server, TimeProvider.System);
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        Console.CancelKeyPress += (_, e) =>
        {
            e.Cancel = true;
            stop.Cancel();
        };

        Task source;
        if (settings.CotPort is { } port)
        {
            var listener = new TcpListener(IPAddress.Parse(settings.CotAddress), port);
            listener.Start();
            Console.Error.WriteLine($"relay: listening for CoT on {listener.LocalEndpoint}, sending to {server} every {settings.Every} s");
            source = relay.ListenCotAsync(listener, units, stop.Token).ContinueWith(_ => listener.Stop(), TaskScheduler.Default);
        }
        else
        {
            source = relay.ReadNdjsonAsync(Console.In, stop.Token);
        }

        var failed = false;
        while (!source.IsCompleted)
        {
            await Task.WhenAny(source, Task.Delay(TimeSpan.FromSeconds(settings.Every), stop.Token).ContinueWith(_ => { }, TaskScheduler.Default));
            if (!stop.IsCancellationRequested)
            {
                failed |= !await FlushAsync(relay, stop.Token);
            }
        }

        await source;
        failed |= !await FlushAsync(relay, CancellationToken.None);
        if (relay.UnknownUids > 0)
        {
            Console.Error.WriteLine($"relay: {relay.UnknownUids} CoT events of uids without --unit were not forwarded");
        }

        return failed ? ExitCodes.VerificationFailed : ExitCodes.Ok;
    }

    private static async Task<bool> FlushAsync(TrackRelay relay, CancellationToken cancellationToken)
    {
        try
        {
            var sent = await relay.FlushAsync(cancellationToken);
            if (sent > 0)
            {
                Console.Error.WriteLine($"relay: sent {sent} reports");
            }

            return true;
        }
        catch (Exception e) when (e is HttpRequestException or TaskCanceledException)
        {
            Console.Error.WriteLine($"relay: {e.Message} (kept for the next batch)");
            return false;
        }
    }
}
