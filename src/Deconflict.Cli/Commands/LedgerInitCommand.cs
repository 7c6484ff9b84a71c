using System.ComponentModel;
using Deconflict.Ledger;
using Deconflict.Ledger.Keys;
using Spectre.Console.Cli;

namespace Deconflict.Cli.Commands;

/// <summary><c>deconflict ledger init --dir D --origin ORIGIN --key OPERATOR.key --party PARTY.vkey...</c>: creates a local notary ledger.</summary>
[Description("Create a local notary ledger in a folder: its origin, the operator key that signs its checkpoints, and the parties whose envelopes it accepts.")]
internal sealed class LedgerInitCommand : AsyncCommand<LedgerInitCommand.Settings>
{
    public sealed class Settings : CommandSettings
    {
        [CommandOption("--dir <DIR>")]
        [Description("The ledger folder (created if absent; must not already hold a ledger).")]
        public string Dir { get; init; } = "";

        [CommandOption("--origin <ORIGIN>")]
        [Description("The log's origin line in its checkpoints, such as example.org/ledger.")]
        public string Origin { get; init; } = "";

        [CommandOption("--key <OPERATOR.key>")]
        [Description("The operator's private key file (from `deconflict keygen`); a 0600 copy is kept in the folder.")]
        public string Key { get; init; } = "";

        [CommandOption("--party <PARTY.vkey>")]
        [Description("A party's verifier key (a .vkey file or the key line); repeat for each party.")]
        public string[] Parties { get; init; } = [];
    }

    public override async Task<int> ExecuteAsync(CommandContext context, Settings settings, CancellationToken cancellationToken)
    {
        if (settings.Dir.Length == 0 || settings.Origin.Length == 0 || settings.Key.Length == 0 || settings.Origin.Contains('\n', StringComparison.Ordinal))
        {
            return Failure.Report(ExitCodes.UnusableInput, "ledger init needs --dir DIR, --origin ORIGIN (one line) and --key OPERATOR.key");
        }

        try
        {
            string keyText = await File.ReadAllTextAsync(settings.Key, cancellationToken);
            using var operatorKey = SignerKey.Parse(keyText);
            var parties = settings.Parties.Select(KeyFiles.ReadVerifierKey).ToList();
            await LedgerFolder.CreateAsync(settings.Dir, settings.Origin, keyText, parties, cancellationToken);
            Console.Out.WriteLine($"created ledger {settings.Origin} in {settings.Dir}");
            Console.Out.WriteLine($"  operator  {operatorKey.VerifierKey}");
            foreach (var party in parties)
            {
                Console.Out.WriteLine($"  party     {party}");
            }

            return ExitCodes.Ok;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or LedgerException or ArgumentException)
        {
            return Failure.Report(ExitCodes.UnusableInput, e.Message);
        }
    }
}
