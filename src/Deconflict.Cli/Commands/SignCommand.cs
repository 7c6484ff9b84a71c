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

    /// <summary>The <c>PARTY.key.seq</c> file: the last seq this key signed with, in decimal.</summary>
    private static class SeqState
    {
        /// <summary>Returns the seq to sign with and records it: <paramref name="requested"/> if given (the file is
        /// raised to it, so later automatic seqs stay above it), else one more than the file's value (0 when absent).
        /// The file is held exclusively meanwhile, so concurrent signers never get the same seq.</summary>
        public static long Next(string path, long? requested)
        {
            using var file = Open(path);
            using var reader = new StreamReader(file, leaveOpen: true);
            var text = reader.ReadToEnd().Trim();
            long last = 0;
            if (text.Length > 0 && !long.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out last))
            {
                throw new IOException($"the seq state file {path} does not hold a number; fix it or pass --seq");
            }

            var seq = requested ?? last + 1;
            if (seq > last)
            {
                file.SetLength(0);
                file.Write(System.Text.Encoding.ASCII.GetBytes(seq.ToString(CultureInfo.InvariantCulture) + "\n"));
                file.Flush(flushToDisk: true);
            }

            return seq;
        }

        private static FileStream Open(string path)
        {
            for (var attempt = 0; ; attempt++)
            {
                try
                {
                    return new FileStream(path, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None);
                }
                catch (IOException) when (attempt < 50 && File.Exists(path))
                {
                    Thread.Sleep(20); // Another signer holds the file; it is done within milliseconds.
                }
            }
        }
    }
}
