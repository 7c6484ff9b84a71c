using Deconflict.Cli.Commands;
using Spectre.Console.Cli;

namespace Deconflict.Cli;

/// <summary>Builds and runs the <c>deconflict</c> command; <c>Program</c> and the in-process CLI tests share it.</summary>
internal static class CliApp
{
    /// <summary>Runs one command line and returns its exit code (see <see cref="ExitCodes"/>).</summary>
    public static async Task<int> RunAsync(string[] args)
    {
        var app = new CommandApp();
        app.Configure(config =>
        {
            config.SetApplicationName("deconflict");
            config.PropagateExceptions();
            CommandTable.Register(config);
        });

        try
        {
            return await app.RunAsync(args).ConfigureAwait(false);
        }
        catch (CommandRuntimeException e)
        {
            await Console.Error.WriteLineAsync($"deconflict: {e.Message}").ConfigureAwait(false);
            return ExitCodes.UnusableInput;
        }
    }
}
