using Spectre.Console.Cli;

namespace Deconflict.Cli.Commands;

/// <summary>The table of verbs: one line per command, in data-flow order.</summary>
internal static class CommandTable
{
    public static void Register(IConfigurator config)
    {
        // Detect
        config.AddCommand<CheckCommand>("check").WithDescription("Find the conflicts of new movements with existing ones (offline)");
        config.AddCommand<GenerateCommand>("generate").WithDescription("Write a seeded theatre of movements as .ndjson");
        // Record
        // Adjudicate
    }
}
