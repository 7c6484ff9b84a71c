using System.ComponentModel;
using System.Globalization;
using System.Text.Json;
using Deconflict.Ledger;
using Deconflict.Ledger.Envelope;
using Deconflict.Ledger.Keys;
using Spectre.Console.Cli;

namespace Deconflict.Cli.Commands;

/// <summary><c>deconflict sign --key PARTY.key --kind K [--seq N] BODY.json</c>: prints one signed envelope line.</summary>
[Description("Sign BODY.json as an envelope of the key's party and print the signed envelope (one JSON line).")]
internal sealed class SignCommand : Command<SignCommand.Settings>
{
    public sealed class Settings : CommandSettings
    {
        [CommandArgument(0, "<BODY>")]
        [Description("A file holding the body, a JSON object.")]
        public string Body { get; init; } = "";

        [CommandOption("--key <PARTY.key>")]
        [Description("The party's private key file (C2SP PRIVATE+KEY format); its name is the envelope's party.")]
        public string Key { get; init; } = "";

        [CommandOption("--kind <KIND>")]
        [Description("The kind of act, such as declaration.")]
        public string Kind { get; init; } = "";

        [CommandOption("--seq <N>")]
        [Description("The sequence number to use; by default one more than the last, kept in PARTY.key.seq.")]
        public long? Seq { get; init; }
    }

    public override int Execute(CommandContext context, Settings settings, CancellationToken cancellationToken)
    {
        if (settings.Key.Length == 0 || settings.Kind.Length == 0)
        {
            return Failure.Report(ExitCodes.UnusableInput, "sign needs --key PARTY.key, --kind KIND and a BODY.json");
        }

        try
        {
            using var key = SignerKey.Parse(File.ReadAllText(settings.Key));
            JsonElement body;
            using (var document = JsonDocument.Parse(File.ReadAllBytes(settings.Body)))
            {
                body = document.RootElement.Clone();
            }

            var seq = SeqState.Next(settings.Key + ".seq", settings.Seq);
            var envelope = new Envelope(key.Name, seq, DateTimeOffset.UtcNow, settings.Kind, body);
            Console.Out.WriteLine(EnvelopeSigner.Sign(key, envelope).ToString());
            return ExitCodes.Ok;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or JsonException or LedgerException or ArgumentException)
        {
            return Failure.Report(ExitCodes.UnusableInput, e.Message);
        }
    }
}
