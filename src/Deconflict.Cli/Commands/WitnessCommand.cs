using System.ComponentModel;
using Deconflict.Cli.Witness;
using Deconflict.Ledger;
using Deconflict.Ledger.Keys;
using Spectre.Console.Cli;

namespace Deconflict.Cli.Commands;

/// <summary><c>deconflict witness --key PARTY.key --server URL --operator-key OPERATOR.vkey [--state F] [--every S] [--once]</c>.</summary>
[Description("Run your party's witness of the server's ledger: cosign each new checkpoint only after verifying it extends the last one you cosigned.")]
internal sealed class WitnessCommand : AsyncCommand<WitnessCommand.Settings>
{
    public sealed class Settings : CommandSettings
    {
        [CommandOption("--key <PARTY.key>")]
        [Description("The party's private key file; cosignatures are made with it.")]
        public string Key { get; init; } = "";

        [CommandOption("--server <URL>")]
        [Description("The Deconflict server, such as https://deconflict.example:8443.")]
        public string Server { get; init; } = "";

        [CommandOption("--operator-key <OPERATOR.vkey>")]
        [Description("The operator's verifier key (the server writes it to operator.pub in its data folder): a file or the key line.")]
        public string OperatorKey { get; init; } = "";

        [CommandOption("--state <FILE>")]
        [Description("Where the witness remembers the last checkpoint it cosigned. Default PARTY.key.witness.")]
        public string? State { get; init; }

        [CommandOption("--every <SECONDS>")]
        [Description("How often to look for a new checkpoint. Default 10.")]
        public double Every { get; init; } = 10;

        [CommandOption("--once")]
        [Description("Look once and exit.")]
        public bool Once { get; init; }
    }

    public override async Task<int> ExecuteAsync(CommandContext context, Settings settings, CancellationToken cancellationToken)
    {
        if (settings.Key.Length == 0 || settings.OperatorKey.Length == 0 || !Uri.TryCreate(settings.Server, UriKind.Absolute, out var server) || settings.Every <= 0)
        {
            return Failure.Report(ExitCodes.UnusableInput, "witness needs --key PARTY.key, --server URL, --operator-key OPERATOR.vkey and a positive --every");
        }

        VerifierKey operatorKey;
        try
        {
            operatorKey = KeyFiles.ReadVerifierKey(settings.OperatorKey);
        }
        catch (LedgerException e)
        {
            return Failure.Report(ExitCodes.UnusableInput, $"--operator-key: {e.Message}");
        }

        using var key = SignerKey.Parse(await File.ReadAllTextAsync(settings.Key, cancellationToken));
        using var http = new HttpClient { BaseAddress = server, Timeout = TimeSpan.FromSeconds(30) };
        var witness = new LedgerWitness(key, operatorKey, settings.State ?? settings.Key + ".witness", http, TimeProvider.System);
        while (true)
        {
            try
            {
                var outcome = await witness.ObserveAsync(cancellationToken);
                if (outcome.Action == WitnessAction.Cosigned)
                {
                    Console.Error.WriteLine($"witness: cosigned the checkpoint of size {outcome.Size}");
                }
            }
            catch (WitnessRefusal e)
            {
                return Failure.Report(ExitCodes.VerificationFailed, $"witness: REFUSED to cosign: {e.Message}");
            }
            catch (Exception e) when (e is HttpRequestException or TaskCanceledException && !cancellationToken.IsCancellationRequested)
            {
                if (settings.Once)
                {
                    return Failure.Report(ExitCodes.UnusableInput, $"witness: {e.Message}");
                }

                Console.Error.WriteLine($"witness: {e.Message} (trying again)");
            }

            if (settings.Once)
            {
                return ExitCodes.Ok;
            }

            try
            {
                await Task.Delay(TimeSpan.FromSeconds(settings.Every), cancellationToken);
            }
            catch (OperationCanceledException)
            {
                return ExitCodes.Ok;
            }
        }
    }
}
