using System.ComponentModel;
using System.Globalization;
using System.Text.Json;
using Deconflict.Declare;
using Deconflict.Declare.Text;
using Deconflict.Detect;
using Deconflict.Geo;
using Spectre.Console;
using Spectre.Console.Cli;

namespace Deconflict.Cli.Commands;

/// <summary>
/// <c>deconflict check --existing FILE --new FILE</c>: the conflicts of every new movement with the existing ones,
/// offline. One JSON line per conflict on stdout (<c>a</c> new id, <c>b</c> existing id, <c>start</c>, <c>end</c>,
/// <c>minSeparationM</c>, <c>point</c>); with <c>--suggest</c>, one more line per conflicting new movement
/// (<c>a</c>, <c>delayMinutes</c>, <c>advanceMinutes</c>, <c>remaining</c>). A summary goes to stderr. Exit 0 when it
/// ran (conflicts are findings, not errors), 2 on unusable input (a missing file, bad options, or a bad line with
/// <c>--strict</c>).
/// </summary>
internal sealed class CheckCommand : Command<CheckCommand.Settings>
{
    /// <summary>The options of <c>check</c>.</summary>
    internal sealed class Settings : CommandSettings
    {
        [CommandOption("--existing <FILE>")]
        [Description("The declared movements and zones (.ndjson, one GeoJSON Feature per line)")]
        public string Existing { get; init; } = "";

        [CommandOption("--new <FILE>")]
        [Description("The movements to check (.ndjson)")]
        public string New { get; init; } = "";

        [CommandOption("--separation-m <METRES>")]
        [Description("Separation for every pair of kinds, in metres (default 0)")]
        public double SeparationMetres { get; init; }

        [CommandOption("--segment-seconds <SECONDS>")]
        [Description("Duration legs are cut into (default 60)")]
        public double SegmentSeconds { get; init; } = 60;

        [CommandOption("--suggest")]
        [Description("Also suggest the smallest departure delay and advance that clear each conflicting movement")]
        public bool Suggest { get; init; }

        [CommandOption("--horizon-minutes <MINUTES>")]
        [Description("How far --suggest looks, in minutes (default 120)")]
        public int HorizonMinutes { get; init; } = 120;

        [CommandOption("--strict")]
        [Description("Treat any bad line as unusable input (exit 2) instead of skipping it")]
        public bool Strict { get; init; }

        public override ValidationResult Validate() =>
            string.IsNullOrEmpty(Existing) || string.IsNullOrEmpty(New) ? ValidationResult.Error("--existing and --new are required")
            : !(SeparationMetres >= 0) || !double.IsFinite(SeparationMetres) ? ValidationResult.Error("--separation-m should be a finite number not below 0")
            : !(SegmentSeconds > 0) || !double.IsFinite(SegmentSeconds) ? ValidationResult.Error("--segment-seconds should be positive")
            : HorizonMinutes is < 0 or > 10_080 ? ValidationResult.Error("--horizon-minutes should be in [0, 10080]")
            : ValidationResult.Success();
    }

    public override int Execute(CommandContext context, Settings settings, CancellationToken cancellationToken)
    {
        foreach (var path in (ReadOnlySpan<string>)[settings.Existing, settings.New])
        {
            if (!File.Exists(path))
            {
                Console.Error.WriteLine($"deconflict: no such file: {path}");
                return ExitCodes.UnusableInput;
            }
        }

        var rules = ConflictRules.Default.WithSegmentDuration(TimeSpan.FromSeconds(settings.SegmentSeconds))
            .WithSeparation(Distance.FromMetres(settings.SeparationMetres));
        var index = new ConflictIndex(rules);
        var (existing, badExisting) = WithProgress(settings.Existing, "reading and indexing existing movements", (path, report) =>
        {
            var read = MovementFile.Read(path, Console.Error, report);
            foreach (var m in read.Movements)
            {
                index.Insert(m);
            }

            return read;
        });
        var (fresh, badNew) = MovementFile.Read(settings.New, Console.Error);
        if (settings.Strict && badExisting + badNew > 0)
        {
            Console.Error.WriteLine($"deconflict: {badExisting + badNew} bad lines (--strict)");
            return ExitCodes.UnusableInput;
        }

        long conflicts = 0;
        var conflicting = 0;
        using var stdout = new StreamWriter(Console.OpenStandardOutput()) { AutoFlush = false };
        foreach (var m in fresh)
        {
            var found = index.Query(m);
            conflicts += found.Count;
            conflicting += found.Count > 0 ? 1 : 0;
            foreach (var conflict in found)
            {
                stdout.WriteLine(ConflictLine(conflict));
            }

            if (settings.Suggest && found.Count > 0)
            {
                stdout.WriteLine(SuggestionLine(m, ResolutionSearch.Suggest(index, m, settings.HorizonMinutes)));
            }
        }

        stdout.Flush();
        Console.Error.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"checked {fresh.Count} new against {existing.Count} existing movements: {conflicts} conflicts, {conflicting} new movements in conflict; {badExisting + badNew} bad lines skipped"));
        return ExitCodes.Ok;
    }

    /// <summary>A conflict as the JSON line <c>check</c> prints.</summary>
    internal static string ConflictLine(Conflict conflict)
    {
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer))
        {
            json.WriteStartObject();
            json.WriteString("a", conflict.A);
            json.WriteString("b", conflict.B);
            json.WriteString("start", MovementWriter.Iso(conflict.Start));
            json.WriteString("end", MovementWriter.Iso(conflict.End));
            json.WriteNumber("minSeparationM", Math.Round(conflict.MinSeparationMetres, 3));
            json.WriteStartArray("point");
            json.WriteNumberValue(Math.Round(conflict.Point.Longitude, 7));
            json.WriteNumberValue(Math.Round(conflict.Point.Latitude, 7));
            json.WriteEndArray();
            json.WriteEndObject();
        }

        return System.Text.Encoding.UTF8.GetString(buffer.ToArray());
    }

    private static string SuggestionLine(Movement movement, Resolution resolution)
    {
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer))
        {
            json.WriteStartObject();
            json.WriteString("a", movement.Id);
            WriteOptional(json, "delayMinutes", resolution.DelayMinutes);
            WriteOptional(json, "advanceMinutes", resolution.AdvanceMinutes);
            json.WriteStartArray("remaining");
            foreach (var conflict in resolution.Remaining)
            {
                json.WriteStringValue(conflict.B);
            }

            json.WriteEndArray();
            json.WriteEndObject();
        }

        return System.Text.Encoding.UTF8.GetString(buffer.ToArray());
    }

    private static void WriteOptional(Utf8JsonWriter json, string name, int? value)
    {
        if (value is { } v)
        {
            json.WriteNumber(name, v);
        }
        else
        {
            json.WriteNull(name);
        }
    }

    // Progress on stderr for big files, when someone is watching (stderr is a terminal).
    private static T WithProgress<T>(string path, string label, Func<string, Action<long>?, T> work)
    {
        var length = new FileInfo(path).Length;
        if (Console.IsErrorRedirected || length < 8 << 20)
        {
            return work(path, null);
        }

        var console = AnsiConsole.Create(new AnsiConsoleSettings { Out = new AnsiConsoleOutput(Console.Error) });
        return console.Progress().Start(ctx =>
        {
            var task = ctx.AddTask(label, maxValue: length);
            var result = work(path, read => task.Value = read);
            task.Value = length;
            return result;
        });
    }
}
