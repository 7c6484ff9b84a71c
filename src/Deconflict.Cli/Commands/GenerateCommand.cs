using System.ComponentModel;
using Deconflict.Declare.Generation;
using Deconflict.Declare.Text;
using Spectre.Console;
using Spectre.Console.Cli;

namespace Deconflict.Cli.Commands;

/// <summary><c>deconflict generate --seed N --movements M --parties P --out FILE</c>: writes a seeded theatre
/// (see <see cref="TheatreGenerator"/>) as an <c>.ndjson</c> movement file. The same options give the same file.</summary>
internal sealed class GenerateCommand : Command<GenerateCommand.Settings>
{
    /// <summary>The options of <c>generate</c>.</summary>
    internal sealed class Settings : CommandSettings
    {
        [CommandOption("--seed <N>")]
        [Description("The seed (default 1)")]
        public int Seed { get; init; } = 1;

        [CommandOption("--movements <M>")]
        [Description("How many movements (default 1000)")]
        public int Movements { get; init; } = 1_000;

        [CommandOption("--parties <P>")]
        [Description("How many parties (default 4)")]
        public int Parties { get; init; } = 4;

        [CommandOption("--out <FILE>")]
        [Description("The file to write")]
        public string Out { get; init; } = "";

        public override ValidationResult Validate() =>
            string.IsNullOrEmpty(Out) ? ValidationResult.Error("--out is required")
            : Movements < 0 ? ValidationResult.Error("--movements should not be negative")
            : Parties is < 1 or > 1000 ? ValidationResult.Error("--parties should be in [1, 1000]")
            : ValidationResult.Success();
    }

    public override int Execute(CommandContext context, Settings settings, CancellationToken cancellationToken)
    {
        var options = new TheatreOptions { Seed = settings.Seed, Movements = settings.Movements, Parties = settings.Parties };
        using var writer = new StreamWriter(settings.Out) { NewLine = "\n" };
        void Write(Action<int>? progress)
        {
            var i = 0;
            foreach (var movement in TheatreGenerator.Generate(options))
            {
                writer.WriteLine(MovementWriter.ToLine(movement));
                if (++i % 10_000 == 0)
                {
                    progress?.Invoke(i);
                }
            }
        }

        if (Console.IsErrorRedirected || settings.Movements < 50_000)
        {
            Write(null);
        }
        else
        {
            var console = AnsiConsole.Create(new AnsiConsoleSettings { Out = new AnsiConsoleOutput(Console.Error) });
            console.Progress().Start(ctx =>
            {
                var task = ctx.AddTask("generating", maxValue: settings.Movements);
                Write(i => task.Value = i);
                task.Value = settings.Movements;
            });
        }

        Console.Error.WriteLine($"wrote {settings.Movements} movements of {settings.Parties} parties (seed {settings.Seed}) to {settings.Out}");
        return ExitCodes.Ok;
    }
}
