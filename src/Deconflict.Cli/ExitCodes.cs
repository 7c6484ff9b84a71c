namespace Deconflict.Cli;

/// <summary>The process exit codes every <c>deconflict</c> verb uses.</summary>
internal static class ExitCodes
{
    /// <summary>The command ran; findings such as conflicts are output, not errors.</summary>
    public const int Ok = 0;

    /// <summary>Something was checked and failed (a proof that does not verify, a refused envelope).</summary>
    public const int VerificationFailed = 1;

    /// <summary>The input could not be used: missing file, malformed content, bad arguments.</summary>
    public const int UnusableInput = 2;
}
