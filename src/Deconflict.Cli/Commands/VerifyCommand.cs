using System.ComponentModel;
using System.Globalization;
using Deconflict.Cli.Evidence;
using Deconflict.Declare.Text;
using Deconflict.Ledger;
using Deconflict.Ledger.Keys;
using Deconflict.Ledger.Proof;
using Spectre.Console.Cli;

namespace Deconflict.Cli.Commands;

/// <summary><c>deconflict verify FILE --vkey KEY...</c>: checks a proof file, or an evidence bundle (zip), offline and says what it verified.</summary>
[Description("Verify offline a c2sp.org/tlog-proof@v1 file (checkpoint signature and cosignatures, the entry's signature, its inclusion) or an evidence bundle .zip (every entry, proof and the cosigned checkpoint, then the findings re-computed). Exit 1 naming what failed.")]
internal sealed class VerifyCommand : Command<VerifyCommand.Settings>
{
    public sealed class Settings : CommandSettings
    {
        [CommandArgument(0, "<FILE>")]
        [Description("The proof file, or an evidence bundle (.zip).")]
        public string File { get; init; } = "";

        [CommandOption("--vkey <KEY>")]
        [Description("A trusted verifier key (a .vkey file or the key line); repeat for the log and each party.")]
        public string[] VerifierKeys { get; init; } = [];

        [CommandOption("--min-cosignatures <N>")]
        [Description("How many of the given keys must have cosigned the checkpoint (default 0).")]
        public int MinCosignatures { get; init; }

        [CommandOption("--log <NAME>")]
        [Description("The name of the log's key among the --vkey keys (default: the key named after the checkpoint origin, else any key that is neither the entry's party nor a cosigner).")]
        public string? Log { get; init; }
    }

    public override int Execute(CommandContext context, Settings settings, CancellationToken cancellationToken)
    {
        if (IsZip(settings.File))
        {
            return BundleVerification.Run(settings.File, settings.VerifierKeys);
        }

        if (settings.VerifierKeys.Length == 0 || settings.MinCosignatures < 0)
        {
            return Failure.Report(ExitCodes.UnusableInput, "verify needs FILE and at least one --vkey KEY (and a --min-cosignatures of 0 or more)");
        }

        List<VerifierKey> keys;
        byte[] bytes;
        try
        {
            keys = [.. settings.VerifierKeys.Select(KeyFiles.ReadVerifierKey)];
            bytes = System.IO.File.ReadAllBytes(settings.File);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or LedgerException)
        {
            return Failure.Report(ExitCodes.UnusableInput, e.Message);
        }

        ProofFile proof;
        try
        {
            proof = ProofFile.Parse(bytes);
        }
        catch (LedgerException e)
        {
            return Failure.Report(ExitCodes.VerificationFailed, $"FAILED: proof file: {e.Message}");
        }

        var result = ProofFileVerifier.Verify(proof, keys, settings.MinCosignatures, settings.Log);
        if (!result.Succeeded)
        {
            return Failure.Report(ExitCodes.VerificationFailed, $"FAILED: {result.Failure}");
        }

        var checkpoint = result.Checkpoint!.Checkpoint;
        var envelope = result.Entry!.Envelope;
        var output = Console.Out;
        output.WriteLine($"verified {settings.File}");
        output.WriteLine($"  entry       index {result.Index} of {checkpoint.Origin}, included in the tree of size {checkpoint.Size}");
        output.WriteLine($"  envelope    party {envelope.Party}, kind {envelope.Kind}, seq {envelope.Seq}, time {MovementWriter.Iso(envelope.Time)}");
        output.WriteLine($"  signed by   {Describe(result.EntrySigner!)}");
        output.WriteLine($"  checkpoint  {checkpoint.Origin} size {checkpoint.Size} root {Convert.ToBase64String(checkpoint.RootHash.Span)}");
        output.WriteLine($"  log key     {Describe(result.LogSigner!)}");

        foreach (var cosignature in result.Checkpoint.Cosignatures)
        {
            output.WriteLine($"  cosigned    {cosignature.Key.Name}+{cosignature.Key.KeyId:x8} at {cosignature.Time.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture)}");
        }

        return ExitCodes.Ok;
    }

    private static bool IsZip(string path)
    {
        try
        {
            using var file = System.IO.File.OpenRead(path);
            Span<byte> magic = stackalloc byte[4];
            return file.ReadAtLeast(magic, 4, throwOnEndOfStream: false) == 4 && magic.SequenceEqual("PK\u0003\u0004"u8);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return false;
        }
    }

    private static string Describe(VerifierKey key) => $"{key.Name}+{key.KeyId:x8} (fingerprint {key.Fingerprint})";
}
