using System.ComponentModel;
using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using Deconflict.Arrangement;
using Deconflict.Declare;
using Deconflict.Geo;
using Deconflict.Ledger;
using Spectre.Console.Cli;

namespace Deconflict.Cli.Commands;

/// <summary><c>deconflict init arrangement --party us=us.vkey --party ru=ru.vkey … --out arrangement.json</c>: writes an
/// unsigned arrangement file for every party to sign with <c>deconflict init sign</c>.</summary>
[Description("Write an arrangement (parties and keys, coalitions, notice, separations, deadline, escalation chain, proximity) for every party to sign.")]
internal sealed class InitArrangementCommand : Command<InitArrangementCommand.Settings>
{
    public sealed class Settings : CommandSettings
    {
        [CommandOption("--party <NAME=VKEY>")]
        [Description("A party and its verifier key (a .vkey file or the key line); repeat for each party.")]
        public string[] Parties { get; init; } = [];

        [CommandOption("--coalition <A,B>")]
        [Description("Parties that never conflict with each other and share visibility; repeatable.")]
        public string[] Coalitions { get; init; } = [];

        [CommandOption("--minimum-notice-s <SECONDS>")]
        [Description("How long before its start a movement must be declared (default 7200).")]
        public double MinimumNoticeS { get; init; } = 7200;

        [CommandOption("--separation <KIND|KIND=M>")]
        [Description("Separation in metres for a kind pair (ground, air, static, zone), e.g. ground|ground=500; repeatable.")]
        public string[] Separations { get; init; } = [];

        [CommandOption("--response-deadline-s <SECONDS>")]
        [Description("How long an addressee has to answer before a request escalates one level (default 1800).")]
        public double ResponseDeadlineS { get; init; } = 1800;

        [CommandOption("--escalation <LEVELS>")]
        [Description("Escalation levels in order, comma-separated, ending with hotline (default duty-officer,hotline).")]
        public string Escalation { get; init; } = "duty-officer," + ArrangementTerms.Hotline;

        [CommandOption("--proximity <KIND|KIND=M>")]
        [Description("Live proximity alert distance in metres for a kind pair; repeatable.")]
        public string[] Proximity { get; init; } = [];

        [CommandOption("--closing-speed-mps <MPS>")]
        [Description("Closing speed in m/s above which units within the threshold alert (default 5).")]
        public double ClosingSpeedMps { get; init; } = 5;

        [CommandOption("--closing-duration-s <SECONDS>")]
        [Description("How far ahead the closing check looks (default 60).")]
        public double ClosingDurationS { get; init; } = 60;

        [CommandOption("--version <N>")]
        [Description("The arrangement version: 1 for genesis, then one more per amendment.")]
        public int Version { get; init; } = 1;

        [CommandOption("--out <FILE>")]
        [Description("The arrangement file to write.")]
        public string Out { get; init; } = "";
    }

    public override int Execute(CommandContext context, Settings settings, CancellationToken cancellationToken)
    {
        if (settings.Out.Length == 0 || settings.Parties.Length < 2)
        {
            return Failure.Report(ExitCodes.UnusableInput, "init arrangement needs --out FILE and at least two --party NAME=VKEY");
        }

        try
        {
            var parties = settings.Parties.Select(Party).ToList();
            var coalitions = settings.Coalitions.Select(c => c.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries).Select(PartyId.From).ToList()).ToList();
            var separations = Pairs(settings.Separations);
            var proximity = Pairs(settings.Proximity);
            var chain = settings.Escalation.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);

            // Building the terms checks them exactly as the server will.
            _ = new ArrangementTerms(settings.Version, parties, coalitions, TimeSpan.FromSeconds(settings.MinimumNoticeS), separations,
                TimeSpan.FromSeconds(settings.ResponseDeadlineS), chain, proximity, settings.ClosingSpeedMps, TimeSpan.FromSeconds(settings.ClosingDurationS));

            var arrangement = new JsonObject
            {
                ["version"] = settings.Version,
                ["parties"] = new JsonArray([.. parties.Select(p => (JsonNode)new JsonObject { ["name"] = p.Id.Name, ["key"] = p.VerifierKey })]),
                ["coalitions"] = new JsonArray([.. coalitions.Select(c => (JsonNode)new JsonArray([.. c.Select(m => (JsonNode)m.Name)]))]),
                ["minimumNoticeS"] = settings.MinimumNoticeS,
                ["separationM"] = Map(separations),
                ["responseDeadlineS"] = settings.ResponseDeadlineS,
                ["escalationChain"] = new JsonArray([.. chain.Select(l => (JsonNode)l)]),
                ["proximityM"] = Map(proximity),
                ["closingSpeedMps"] = settings.ClosingSpeedMps,
                ["closingDurationS"] = settings.ClosingDurationS,
            };
            var document = new JsonObject { ["arrangement"] = arrangement, ["signatures"] = new JsonArray() };
            File.WriteAllText(settings.Out, document.ToJsonString(new JsonSerializerOptions { WriteIndented = true }) + "\n");
            Console.Out.WriteLine($"{settings.Out}: arrangement version {settings.Version} between {string.Join(", ", parties.Select(p => p.Id.Name))}; each party now runs `deconflict init sign --key PARTY.key {settings.Out}`");
            return ExitCodes.Ok;
        }
        catch (ArrangementException e)
        {
            return Failure.Report(ExitCodes.UnusableInput, $"{e.Field}: {e.Message}");
        }
        catch (Exception e) when (e is ArgumentException or FormatException or LedgerException or IOException or UnauthorizedAccessException)
        {
            return Failure.Report(ExitCodes.UnusableInput, e.Message);
        }
    }

    private static PartyTerms Party(string text)
    {
        var eq = text.IndexOf('=', StringComparison.Ordinal);
        if (eq <= 0)
        {
            throw new FormatException($"--party should be NAME=VKEY; got '{text}'");
        }

        var key = KeyFiles.ReadVerifierKey(text[(eq + 1)..]);
        var name = text[..eq];
        return key.Name == name ? new PartyTerms(PartyId.From(name), key.ToString()) : throw new FormatException($"the key given for '{name}' is named '{key.Name}'");
    }

    private static Dictionary<KindPair, Distance> Pairs(string[] texts) => texts.ToDictionary(
        t => KindPair.Parse(t[..Math.Max(0, t.LastIndexOf('='))]),
        t => Distance.FromMetres(double.Parse(t[(t.LastIndexOf('=') + 1)..], CultureInfo.InvariantCulture)));

    private static JsonObject Map(Dictionary<KindPair, Distance> pairs)
    {
        var map = new JsonObject();
        foreach (var (pair, distance) in pairs)
        {
            map[pair.ToString()] = distance.Metres;
        }

        return map;
    }
}
