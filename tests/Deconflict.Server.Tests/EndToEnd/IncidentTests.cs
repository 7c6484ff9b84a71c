using System.Net;
using System.Text.Json;
using Deconflict.Server.Tests.Support;
using static Deconflict.Server.Tests.Support.DeconflictApplication;
using static Deconflict.Server.Tests.Support.Problems;

namespace Deconflict.Server.Tests.EndToEnd;

/// <summary>Incidents through the real server: a party reports one, the parties involved add statements and read it, a
/// party not involved (nor allied to one) neither sees nor adds to it, and bad reports are refused appending nothing.</summary>
public sealed class IncidentTests
{
    private static readonly DateTimeOffset Start = Epoch.AddHours(3);

    /// <summary>An incident.report body around the junction of <see cref="Features"/>.</summary>
    internal static Dictionary<string, object> Report(string id, DateTimeOffset start, DateTimeOffset end, double radiusM = 1000, string description = "Two vehicles met at the junction.") => new()
    {
        ["incident"] = id,
        ["area"] = new { center = new[] { 42.13, 37.17 }, radiusM },
        ["window"] = new { start = Features.Iso(start), end = Features.Iso(end) },
        ["description"] = description,
        ["casualties"] = "none",
        ["damage"] = "a mirror",
    };

    [Fact]
    public async Task Report_OwnMovementOnly_ReadableByReporterAndAlly_HiddenFromAndRefusedToOthers()
    {
        await using var app = await StartAsync();
        await app.Us.ActOkAsync("movement.declare", new { feature = Features.EastWest("us-convoy-1", "us", Start) });
        app.Clock.Advance(TimeSpan.FromHours(4));
        await using var ukStream = await app.Uk.StreamAsync();

        var receipt = await app.Us.ActOkAsync("incident.report", Report("inc-1", Start, Start.AddMinutes(20)));

        Assert.Equal("inc-1", receipt.GetProperty("subject").GetString());
        var reported = await ukStream.WaitForAsync("incident.reported");
        Assert.Equal(["us"], reported.Data.GetProperty("involved").EnumerateArray().Select(p => p.GetString()));
        var listed = Assert.Single((await app.Uk.GetJsonAsync("/v1/incidents")).EnumerateArray());
        Assert.Equal(("inc-1", "us", "Two vehicles met at the junction."),
            (listed.GetProperty("id").GetString(), listed.GetProperty("reporter").GetString(), listed.GetProperty("report").GetProperty("description").GetString()));
        Assert.Empty((await app.Ru.GetJsonAsync("/v1/incidents")).EnumerateArray());
        await AssertProblemAsync(await app.Ru.GetAsync("/v1/incidents/inc-1"), HttpStatusCode.Forbidden, "need-to-know.refused");
        await AssertProblemAsync(await app.Ru.GetAsync("/v1/incidents/inc-1/findings"), HttpStatusCode.Forbidden, "need-to-know.refused");
        await AssertProblemAsync(await app.Ru.GetAsync("/v1/incidents/inc-1/bundle"), HttpStatusCode.Forbidden, "need-to-know.refused");
        await AssertProblemAsync(await app.Us.GetAsync("/v1/incidents/inc-404"), HttpStatusCode.NotFound, "incident.unknown");
        var size = await LedgerSizeAsync(app);
        await AssertProblemAsync(await app.Ru.ActAsync("incident.statement", new { incident = "inc-1", text = "We were not there." }), HttpStatusCode.Forbidden, "incident.not-involved");
        Assert.Equal(size, await LedgerSizeAsync(app));
    }

    [Fact]
    public async Task Statement_ByEachInvolvedParty_ReadBackInOrderByBoth()
    {
        await using var app = await StartAsync();
        await app.Ru.ActOkAsync("movement.declare", new { feature = Features.NorthSouth("ru-patrol-7", "ru", Start) });
        await app.Us.ActOkAsync("movement.declare", new { feature = Features.EastWest("us-convoy-1", "us", Start) });
        app.Clock.Advance(TimeSpan.FromHours(4));
        await using var ruStream = await app.Ru.StreamAsync();

        var report = await app.Us.ActOkAsync("incident.report", Report("inc-2", Start, Start.AddMinutes(20)));
        var reported = await ruStream.WaitForAsync("incident.reported");
        var ruSays = await app.Ru.ActOkAsync("incident.statement", new { incident = "inc-2", text = "Our patrol had right of way." });
        var statement = await ruStream.WaitForAsync("incident.statement");
        await app.Us.ActOkAsync("incident.statement", new { incident = "inc-2", text = "Our convoy's passage was requested." });

        Assert.Equal(["ru", "us"], reported.Data.GetProperty("involved").EnumerateArray().Select(p => p.GetString()));
        Assert.Equal(("ru", "Our patrol had right of way."), (statement.Data.GetProperty("party").GetString(), statement.Data.GetProperty("text").GetString()));
        foreach (var reader in new[] { app.Us, app.Ru, app.Uk })
        {
            var incident = await reader.GetJsonAsync("/v1/incidents/inc-2");
            Assert.Equal(report.GetProperty("index").GetInt64(), incident.GetProperty("index").GetInt64());
            Assert.Equal(
                [(ruSays.GetProperty("index").GetInt64(), "ru", "Our patrol had right of way."), (ruSays.GetProperty("index").GetInt64() + 1, "us", "Our convoy's passage was requested.")],
                incident.GetProperty("statements").EnumerateArray().Select(s => (s.GetProperty("index").GetInt64(), s.GetProperty("party").GetString(), s.GetProperty("text").GetString())));
        }
    }

    public static TheoryData<string, object, HttpStatusCode, string, string?> BadActs => new()
    {
        { "incident.report", Report("inc-b", Start, Start.AddMinutes(20), radiusM: 0), HttpStatusCode.BadRequest, "act.invalid-body", "body.area.radiusM" },
        { "incident.report", Report("inc-b", Start, Start.AddMinutes(20), radiusM: 60_000), HttpStatusCode.BadRequest, "act.invalid-body", "body.area.radiusM" },
        { "incident.report", Report("inc-b", Start.AddMinutes(20), Start), HttpStatusCode.BadRequest, "act.invalid-body", "body.window.end" },
        { "incident.report", Report("inc-b", Start, Start.AddDays(8)), HttpStatusCode.BadRequest, "act.invalid-body", "body.window.end" },
        { "incident.report", Report("inc-b", Start.AddDays(1), Start.AddDays(1).AddMinutes(5)), HttpStatusCode.BadRequest, "act.invalid-body", "body.window.start" },
        { "incident.report", Report("inc-b", Start, Start.AddMinutes(20), description: new string('x', 4001)), HttpStatusCode.BadRequest, "act.invalid-body", "body.description" },
        { "incident.report", Report("inc-b", Start, Start.AddMinutes(20), description: ""), HttpStatusCode.BadRequest, "act.invalid-body", "body.description" },
        { "incident.report", Report("inc b/1", Start, Start.AddMinutes(20)), HttpStatusCode.BadRequest, "act.invalid-body", "body.incident" },
        { "incident.report", new { incident = "inc-b", area = new { center = new[] { 200.0, 37.0 }, radiusM = 100 }, window = new { start = Features.Iso(Start), end = Features.Iso(Start) }, description = "x" }, HttpStatusCode.BadRequest, "act.invalid-body", "body.area.center" },
        { "incident.report", Report("inc-a", Start, Start.AddMinutes(20)), HttpStatusCode.Conflict, "incident.id-taken", "body.incident" },
        { "incident.statement", new { incident = "inc-404", text = "x" }, HttpStatusCode.NotFound, "incident.unknown", "body.incident" },
        { "incident.statement", new { incident = "inc-a", text = new string('x', 4001) }, HttpStatusCode.BadRequest, "act.invalid-body", "body.text" },
        { "incident.statement", new { incident = "inc-a" }, HttpStatusCode.BadRequest, "act.invalid-body", "body.text" },
    };

    [Theory]
    [MemberData(nameof(BadActs))]
    public async Task Act_BadIncidentInput_IsRefusedWithItsProblemAndAppendsNothing(string kind, object body, HttpStatusCode status, string code, string? field)
    {
        await using var app = await StartAsync();
        app.Clock.Advance(TimeSpan.FromHours(4));
        await app.Us.ActOkAsync("incident.report", Report("inc-a", Start, Start.AddMinutes(20)));
        var size = await LedgerSizeAsync(app);

        var problem = await AssertProblemAsync(await app.Us.ActAsync(kind, body), status, code);

        Assert.Equal(field, problem.TryGetProperty("field", out var f) ? f.GetString() : null);
        Assert.Equal(size, await LedgerSizeAsync(app));
        Assert.Single((await app.Us.GetJsonAsync("/v1/incidents")).EnumerateArray());
    }
}
