extern alias server;

using System.ComponentModel;
using System.Text.Json;
using System.Text.Json.Nodes;
using Deconflict.Ledger;
using Deconflict.Ledger.Keys;
using server::Deconflict.Server.Arrangement;
using Spectre.Console.Cli;

namespace Deconflict.Cli.Commands;

/// <summary><c>deconflict init sign --key PARTY.key arrangement.json</c>: adds the party's signature to the arrangement file.</summary>
/// <remarks>The signature is an envelope of kind <c>arrangement.sign</c>, seq = the version, body
/// <c>{"version":N,"sha256":hex}</c> where the hash is over the arrangement's RFC 8785 canonical JSON; the server checks
/// that every party signed exactly this before it starts or amends the ledger.</remarks>
[Description("Sign an arrangement file as the key's party (replacing that party's earlier signature); print who is still missing.")]
internal sealed class InitSignCommand : Command<InitSignCommand.Settings>
{
    public sealed class Settings : CommandSettings
    {
        [CommandArgument(0, "<FILE>")]
        [Description("The arrangement file written by `deconflict init arrangement`.")]
        public string File { get; init; } = "";

        [CommandOption("--key <PARTY.key>")]
        [Description("The party's private key file.")]
        public string Key { get; init; } = "";
    }

    public override int Execute(CommandContext context, Settings settings, CancellationToken cancellationToken)
    {
        if (settings.Key.Length == 0 || settings.File.Length == 0)
        {
            return Failure.Report(ExitCodes.UnusableInput, "init sign needs --key PARTY.key and the arrangement FILE");
        }

        try
        {
            var document = JsonNode.Parse(System.IO.File.ReadAllText(settings.File))?.AsObject() ?? throw new FormatException("the file is not a JSON object");
            var arrangement = JsonSerializer.SerializeToElement(document["arrangement"] ?? throw new FormatException("the file has no \"arrangement\""));
            var version = arrangement.GetProperty("version").GetInt32();
            var digest = SignedArrangement.Digest(arrangement);
            using var key = SignerKey.Parse(System.IO.File.ReadAllText(settings.Key));
            var parties = arrangement.GetProperty("parties").EnumerateArray().Select(p => p.GetProperty("name").GetString()!).ToList();
            if (!parties.Contains(key.Name))
            {
                return Failure.Report(ExitCodes.UnusableInput, $"'{key.Name}' is not a party of this arrangement ({string.Join(", ", parties)})");
            }

            var signed = SignedArrangement.Sign(key, arrangement, DateTimeOffset.UtcNow);
            var signatures = document["signatures"] as JsonArray ?? [];
            var kept = signatures.Where(s => s?["party"]?.GetValue<string>() != key.Name).Select(s => s!.DeepClone()).ToList();
            kept.Add(JsonNode.Parse(signed.ToString())!);
            document["signatures"] = new JsonArray([.. kept]);
            System.IO.File.WriteAllText(settings.File, document.ToJsonString(new JsonSerializerOptions { WriteIndented = true }) + "\n");

            var signedBy = kept.Select(s => s!["party"]!.GetValue<string>()).ToHashSet(StringComparer.Ordinal);
            var missing = parties.Where(p => !signedBy.Contains(p)).ToList();
            Console.Out.WriteLine($"signed version {version} (sha256 {digest}) as {key.Name}; " +
                (missing.Count == 0 ? "every party has signed: start the server with --arrangement " + settings.File : "still to sign: " + string.Join(", ", missing)));
            return ExitCodes.Ok;
        }
        catch (Exception e) when (e is JsonException or FormatException or KeyNotFoundException or InvalidOperationException or LedgerException or IOException or UnauthorizedAccessException)
        {
            return Failure.Report(ExitCodes.UnusableInput, e.Message);
        }
    }
}
