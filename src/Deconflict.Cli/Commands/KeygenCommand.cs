using System.ComponentModel;
using Deconflict.Ledger;
using Deconflict.Ledger.Keys;
using Spectre.Console.Cli;

namespace Deconflict.Cli.Commands;

/// <summary><c>deconflict keygen --name NAME --out DIR</c>: a new Ed25519 key pair in the C2SP signed-note formats.</summary>
[Description("Generate an Ed25519 key pair: NAME.key (private, mode 0600) and NAME.vkey (verifier key) in DIR.")]
internal sealed class KeygenCommand : Command<KeygenCommand.Settings>
{
    public sealed class Settings : CommandSettings
    {
        [CommandOption("--name <NAME>")]
        [Description("Key name (a party name or the log origin): no '+', no whitespace.")]
        public string Name { get; init; } = "";

        [CommandOption("--out <DIR>")]
        [Description("Directory to write the key files into (created if missing).")]
        public string Out { get; init; } = "";
    }

    public override int Execute(CommandContext context, Settings settings, CancellationToken cancellationToken)
    {
        if (settings.Name.Length == 0 || settings.Out.Length == 0)
        {
            return Failure.Report(ExitCodes.UnusableInput, "keygen needs --name NAME and --out DIR");
        }

        SignerKey key;
        try
        {
            key = SignerKey.Generate(settings.Name);
        }
        catch (ArgumentException e)
        {
            return Failure.Report(ExitCodes.UnusableInput, e.Message);
        }

        using (key)
        {
            var stem = Path.Combine(settings.Out, KeyFiles.FileStem(settings.Name));
            try
            {
                Directory.CreateDirectory(settings.Out);
                KeyFiles.WritePrivate(stem + ".key", key.ToString() + "\n");
                File.WriteAllText(stem + ".vkey", key.VerifierKey + "\n");
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                return Failure.Report(ExitCodes.UnusableInput, $"cannot write the key files: {e.Message}");
            }

            Console.Out.WriteLine($"{stem}.key (private, mode 0600)");
            Console.Out.WriteLine($"{stem}.vkey: {key.VerifierKey}");
            Console.Out.WriteLine($"fingerprint: {key.VerifierKey.Fingerprint}");
            return ExitCodes.Ok;
        }
    }
}
