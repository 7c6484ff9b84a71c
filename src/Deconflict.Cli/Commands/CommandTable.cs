using Spectre.Console.Cli;

namespace Deconflict.Cli.Commands;

/// <summary>The table of verbs: one line per command, in data-flow order.</summary>
internal static class CommandTable
{
    public static void Register(IConfigurator config)
    {
        // Detect
        // Record
        config.AddCommand<KeygenCommand>("keygen");
        config.AddCommand<SignCommand>("sign");
        config.AddCommand<VerifyCommand>("verify");
        // Adjudicate
    }
}
