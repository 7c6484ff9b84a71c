using System.ComponentModel;
using Deconflict.Ledger;
using Spectre.Console.Cli;

namespace Deconflict.Cli.Commands;

/// <summary><c>deconflict ledger prove --dir D --index N --out FILE</c>: writes an entry's tlog-proof file.</summary>
[Description("Write the c2sp.org/tlog-proof@v1 file of one entry: the latest checkpoint with its cosignatures, the inclusion proof, and the entry's leaf bytes as `extra`.")]
internal sealed class LedgerProveCommand : AsyncCommand<LedgerProveCommand.Settings>
{
    public sealed class Settings : CommandSettings
    {
        [CommandOption("--dir <DIR>")]
        [Description("The ledger folder.")]
        public string Dir { get; init; } = "";

        [CommandOption("--index <N>")]
        [Description("The entry's zero-based index.")]
        public long Index { get; init; } = -1;

        [CommandOption("--out <FILE>")]
        [Description("Where to write the proof file.")]
        public string Out { get; init; } = "";
    }

    public override async Task<int> ExecuteAsync(CommandContext context, Settings settings, CancellationToken cancellationToken)
    {
        if (settings.Dir.Length == 0 || settings.Index < 0 || settings.Out.Length == 0)
        {
            return Failure.Report(ExitCodes.UnusableInput, "ledger prove needs --dir DIR, --index N (0 or more) and --out FILE");
        }

        try
        {
            await using var ledger = await LedgerFolder.OpenAsync(settings.Dir, cancellationToken);
            if (settings.Index >= ledger.Log.Size)
            {
                return Failure.Report(ExitCodes.UnusableInput, $"index {settings.Index} is beyond the ledger's {ledger.Log.Size} entries");
            }

            var proof = await ledger.Log.CreateProofFileAsync(settings.Index, cancellationToken);
            await File.WriteAllTextAsync(settings.Out, proof.Format(), cancellationToken);
            Console.Out.WriteLine($"wrote {settings.Out}: entry {settings.Index}, {proof.InclusionProof.Count} proof hashes, checkpoint with {proof.Checkpoint.Signatures.Count} signature(s)");
            return ExitCodes.Ok;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or LedgerException)
        {
            return Failure.Report(ExitCodes.UnusableInput, e.Message);
        }
    }
}
