using System.ComponentModel;
using Deconflict.Ledger;
using Spectre.Console.Cli;

namespace Deconflict.Cli.Commands;

/// <summary><c>deconflict ledger checkpoint --dir D</c>: signs and prints a checkpoint of the local ledger.</summary>
[Description("Sign a C2SP tlog-checkpoint of the ledger's current tree with the operator key, store it, and print the signed note.")]
internal sealed class LedgerCheckpointCommand : AsyncCommand<LedgerCheckpointCommand.Settings>
{
    public sealed class Settings : CommandSettings
    {
        [CommandOption("--dir <DIR>")]
        [Description("The ledger folder.")]
        public string Dir { get; init; } = "";
    }

    public override async Task<int> ExecuteAsync(CommandContext context, Settings settings, CancellationToken cancellationToken)
    {
        if (settings.Dir.Length == 0)
        {
            return Failure.Report(ExitCodes.UnusableInput, "ledger checkpoint needs --dir DIR");
        }

        try
        {
            await using var ledger = await LedgerFolder.OpenAsync(settings.Dir, cancellationToken);
            var note = await ledger.Log.CheckpointAsync(cancellationToken);
            Console.Out.Write(note.ToString());
            return ExitCodes.Ok;
        }
        catch (Exception e) when (e is IOException or LedgerException)
        {
            return Failure.Report(ExitCodes.UnusableInput, e.Message);
        }
    }
}
