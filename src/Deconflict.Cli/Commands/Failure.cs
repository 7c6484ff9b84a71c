namespace Deconflict.Cli.Commands;

/// <summary>How verbs report a failure: one line on standard error, then the exit code.</summary>
internal static class Failure
{
    /// <summary>Writes <c>deconflict: message</c> to standard error and returns <paramref name="exitCode"/>.</summary>
    public static int Report(int exitCode, string message)
    {
        Console.Error.WriteLine($"deconflict: {message}");
        return exitCode;
    }
}
