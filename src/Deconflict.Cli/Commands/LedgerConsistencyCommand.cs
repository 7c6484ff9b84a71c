using System.ComponentModel;
using Deconflict.Ledger;
using Spectre.Console.Cli;

namespace Deconflict.Cli.Commands;

/// <summary><c>deconflict ledger consistency --dir D --old N</c>: prints the consistency proof from size N to the current tree.</summary>
[Description("Print the RFC 9162 consistency proof from an earlier tree size to the ledger's current tree: both sizes and roots, then one base64 hash per line.")]
internal sealed class LedgerConsistencyCommand : AsyncCommand<LedgerConsistencyCommand.Settings>
{
    public sealed class Settings : CommandSettings
    {
        [CommandOption("--dir <DIR>")]
        [Description("The ledger folder.")]
        public string Dir { get; init; } = "";

        [CommandOption("--old <N>")]
        [Description("The earlier tree size, at least 1.")]
        public long Old { get; init; }
    }

    public override async Task<int> ExecuteAsync(CommandContext context, Settings settings, CancellationToken cancellationToken)
    {
        if (settings.Dir.Length == 0 || settings.Old < 1)
        {
            return Failure.Report(ExitCodes.UnusableInput, "ledger consistency needs --dir DIR and --old N (1 or more)");
        }

        try
        {
            await using var ledger = await LedgerFolder.OpenAsync(settings.Dir, cancellationToken);
            long size = ledger.Log.Size;
            if (settings.Old > size)
            {
                return Failure.Report(ExitCodes.UnusableInput, $"--old {settings.Old} is beyond the ledger's {size} entries");
            }

            var proof = await ledger.Log.ProveConsistencyAsync(settings.Old, size, cancellationToken);
            var output = Console.Out;
            output.WriteLine($"old {settings.Old} {Convert.ToBase64String(await ledger.Log.RootAtAsync(settings.Old, cancellationToken))}");
            output.WriteLine($"new {size} {Convert.ToBase64String(ledger.Log.Root.Span)}");
            foreach (byte[] hash in proof)
            {
                output.WriteLine(Convert.ToBase64String(hash));
            }

            return ExitCodes.Ok;
        }
        catch (Exception e) when (e is IOException or LedgerException)
        {
            return Failure.Report(ExitCodes.UnusableInput, e.Message);
        }
    }
}
