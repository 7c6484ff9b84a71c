extern alias cli;

using System.Net;
using System.Text;
using System.Text.Json;
using Deconflict.Ledger.Checkpoint;
using Deconflict.Server.Tests.Support;
using static Deconflict.Server.Tests.Support.DeconflictApplication;
using static Deconflict.Server.Tests.Support.Problems;

namespace Deconflict.Server.Tests.EndToEnd;

/// <summary>The investigator's journey on the real server: scenarios played through the API, then the incident's findings
/// per party (with the entries behind each) and its evidence bundle, which verifies offline and re-adjudicates identically.</summary>
public sealed class IncidentFindingsTests
{
    private static readonly DateTimeOffset Start = Epoch.AddHours(3);

    private static object Route(string id, string party, double[] from, double[] to, DateTimeOffset start) => new
    {
        type = "Feature",
        id,
        geometry = new { type = "LineString", coordinates = new[] { from, to } },
        properties = new { party, kind = "ground", times = new[] { Features.Iso(start), Features.Iso(start.AddMinutes(20)) }, halfWidthM = 50, toleranceS = 600, units = new[] { party + "-unit-1" } },
    };

    private static async Task<JsonElement> WaitForRequestAsync(PartyClient client, string requestId, Func<JsonElement, bool> done)
    {
        for (var i = 0; i < 200; i++)
        {
            var request = await client.GetJsonAsync($"/v1/requests/{requestId}");
            if (done(request))
            {
                return request;
            }

            await Task.Delay(25);
        }

        throw new TimeoutException($"request {requestId} did not reach the state awaited");
    }

    private static (string Party, string Rule, string Text, long[] Entries)[] Findings(JsonElement findings, string list) =>
        [.. findings.GetProperty(list).EnumerateArray().Select(f => (f.GetProperty("party").GetString()!, f.GetProperty("rule").GetString()!, f.GetProperty("text").GetString()!,
            f.GetProperty("entries").EnumerateArray().Select(e => e.GetInt64()).ToArray()))];

    internal static async Task CosignLatestAsync(DeconflictApplication app)
    {
        var note = SignedNote.Parse(Encoding.UTF8.GetString(await (await Live.SignedHttp.SendAsync(app, "us", HttpMethod.Post, "/v1/ledger/checkpoints", new ByteArrayContent([]))).Content.ReadAsByteArrayAsync()));
        var size = Checkpoint.Parse(note.Text).Size;
        foreach (var party in new[] { "us", "uk", "ru" })
        {
            using var cosigned = await Live.SignedHttp.SendAsync(app, party, HttpMethod.Post, $"/v1/ledger/checkpoints/{size}/cosignatures",
                new StringContent(Cosigner.Cosign(note, app.KeyOf(party), app.Clock.GetUtcNow()).ToString()));
            Assert.True(cosigned.IsSuccessStatusCode, await cosigned.Content.ReadAsStringAsync());
        }
    }

    [Fact]
    public async Task Findings_RequestLeftUnansweredThroughEveryEscalation_BreachByTheAddresseeCitingOpeningAndEscalations()
    {
        await using var app = await StartAsync();
        await app.Ru.ActOkAsync("movement.declare", new { feature = Features.NorthSouth("ru-patrol-7", "ru", Start) });                      // 1, checked 2
        var receipt = await app.Us.ActOkAsync("movement.declare", new { feature = Features.EastWest("us-convoy-1", "us", Start) });         // 3, checked 4
        var requestId = receipt.GetProperty("requests")[0].GetProperty("id").GetString()!;
        for (var level = 1; level <= 3; level++)
        {
            app.Clock.Advance(ResponseDeadline);                                                                                           // escalations 5, 6, 7
            await WaitForRequestAsync(app.Us, requestId, r => r.GetProperty("escalationLevel").GetInt32() >= level);
        }

        app.Clock.SetUtcNow(Start.AddHours(1));                                                                                          // expiry 8 (never cleared)
        await WaitForRequestAsync(app.Us, requestId, r => r.GetProperty("state").GetString() == "expired");
        var report = await app.Us.ActOkAsync("incident.report", IncidentTests.Report("inc-9", Start, Start.AddMinutes(20)));

        var findings = await app.Ru.GetJsonAsync("/v1/incidents/inc-9/findings");

        Assert.Equal(9, report.GetProperty("index").GetInt64());
        Assert.Equal(
            [("ru", "request-answer", "left us-convoy-1~v1~ru from us unanswered by its deadline 2026-11-25T06:30:00.000Z (never acknowledged; 3 escalation(s))", new long[] { 4, 5, 6, 7 })],
            Findings(findings, "findings"));
        Assert.Equal(
            [
                ("ru", "notice", "declared ru-patrol-7 at 2026-11-25T06:00:00.000Z, 180 min before its start at 2026-11-25T09:00:00.000Z; the arrangement asks 120 min", new long[] { 1 }),
                ("us", "notice", "declared us-convoy-1 at 2026-11-25T06:00:00.000Z, 180 min before its start at 2026-11-25T09:00:00.000Z; the arrangement asks 120 min", [3]),
                ("us", "request-sent", "passage request us-convoy-1~v1~ru for us-convoy-1 sent to ru at 2026-11-25T06:00:00.000Z, deadline 2026-11-25T06:30:00.000Z", [3, 4]),
            ],
            Findings(findings, "compliant"));
        Assert.Equal([0L, 1, 2, 3, 4, 5, 6, 7, 8, 9], findings.GetProperty("timeline").EnumerateArray().Select(t => t.GetProperty("index").GetInt64()));
        Assert.Equal(("operator", "request.escalate"), (findings.GetProperty("timeline")[5].GetProperty("party").GetString(), findings.GetProperty("timeline")[5].GetProperty("kind").GetString()));
    }

    [Fact]
    public async Task Findings_EveryoneComplied_NoBreach_AndTheBundleVerifiesOfflineWithTheSameFindings()
    {
        await using var app = await StartAsync();
        await app.Ru.ActOkAsync("movement.declare", new { feature = Route("ru-patrol-7", "ru", [42.13, 37.14], [42.13, 37.20], Start.AddMinutes(15)) });
        var receipt = await app.Us.ActOkAsync("movement.declare", new { feature = Route("us-convoy-1", "us", [42.10, 37.17], [42.16, 37.17], Start) });
        var requestId = receipt.GetProperty("requests")[0].GetProperty("id").GetString()!;
        app.Clock.Advance(TimeSpan.FromMinutes(3));
        await app.Ru.ActOkAsync("request.acknowledge", new { requestId });
        app.Clock.Advance(TimeSpan.FromMinutes(5));
        await app.Ru.ActOkAsync("request.approve", new { requestId, conditions = "clear the junction before 09:20" });
        await app.Us.ActOkAsync("unit.register", new { units = new[] { new { id = "us-unit-1", cotUid = "us-uid-1", kind = "ground", movement = "us-convoy-1" } } });
        await app.Ru.ActOkAsync("unit.register", new { units = new[] { new { id = "ru-unit-1", cotUid = "ru-uid-1", kind = "ground", movement = "ru-patrol-7" } } });

        // Each unit drives its corridor on schedule, reporting once a minute: us from 09:00 to 09:20, ru from 09:15 to 09:35.
        for (var minute = 0; minute <= 35; minute++)
        {
            var t = Start.AddMinutes(minute);
            app.Clock.SetUtcNow(t);
            if (minute <= 20)
            {
                await app.Us.ActOkAsync("track.batch", new { reports = new[] { new { unit = "us-unit-1", time = Features.Iso(t), lon = 42.10 + (0.06 * minute / 20), lat = 37.17, altM = 0 } } });
            }

            if (minute >= 15)
            {
                await app.Ru.ActOkAsync("track.batch", new { reports = new[] { new { unit = "ru-unit-1", time = Features.Iso(t), lon = 42.13, lat = 37.14 + (0.06 * (minute - 15) / 20), altM = 0 } } });
            }
        }

        app.Clock.Advance(TimeSpan.FromMinutes(5));
        await app.Us.ActOkAsync("incident.report", IncidentTests.Report("inc-ok", Start, Start.AddMinutes(35), radiusM: 2000));
        await app.Ru.ActOkAsync("incident.statement", new { incident = "inc-ok", text = "Passage was agreed." });

        var findings = await app.Us.GetJsonAsync("/v1/incidents/inc-ok/findings");
        await AssertProblemAsync(await app.Us.GetAsync("/v1/incidents/inc-ok/bundle"), HttpStatusCode.Conflict, "checkpoint.not-cosigned");
        await CosignLatestAsync(app);
        // A newer checkpoint the witnesses have not cosigned yet does not stand in the way: the bundle proves into the
        // largest one every party cosigned.
        await app.Uk.ActOkAsync("unit.register", new { units = new[] { new { id = "uk-unit-9", cotUid = "uk-uid-9", kind = "ground" } } });
        using (var newer = await Live.SignedHttp.SendAsync(app, "uk", HttpMethod.Post, "/v1/ledger/checkpoints", new ByteArrayContent([])))
        {
            Assert.True(newer.IsSuccessStatusCode);
        }

        var bundle = await app.Us.GetAsync("/v1/incidents/inc-ok/bundle");

        Assert.Empty(Findings(findings, "findings"));
        Assert.Equal(
            [("ru", "notice"), ("us", "notice"), ("us", "request-sent"), ("ru", "request-answer"), ("ru", "request-answer")],
            Findings(findings, "compliant").Select(f => (f.Party, f.Rule)));
        Assert.Equal(HttpStatusCode.OK, bundle.StatusCode);
        Assert.Equal("application/zip", bundle.Content.Headers.ContentType?.MediaType);
        var check = cli::Deconflict.Cli.Evidence.BundleCheck.Run(new MemoryStream(await bundle.Content.ReadAsByteArrayAsync()), null);
        Assert.Empty(check.Adjudication.Findings);
        Assert.Equal(Findings(findings, "compliant").Select(f => (f.Party, f.Rule, f.Text)), check.Adjudication.Compliance.Select(f => (f.Party, f.Rule, f.Text)));
        Assert.Contains(check.Adjudication.Timeline, t => t.Kind == "incident.statement" && t.Party == "ru");
    }

    [Fact]
    public async Task Incident_OnPostgres_SurvivesRestartWithItsStatement_AndItsBundleReadjudicatesIdentically()
    {
        await using var app = await StartAsync(postgres: PostgresWorkflowTests.ConnectionString);
        await app.Ru.ActOkAsync("movement.declare", new { feature = Features.NorthSouth("ru-patrol-7", "ru", Start) });
        var receipt = await app.Us.ActOkAsync("movement.declare", new { feature = Features.EastWest("us-convoy-1", "us", Start) });
        app.Clock.Advance(TimeSpan.FromHours(4));
        await WaitForRequestAsync(app.Us, receipt.GetProperty("requests")[0].GetProperty("id").GetString()!, r => r.GetProperty("state").GetString() == "expired");
        await app.Us.ActOkAsync("incident.report", IncidentTests.Report("inc-pg", Start, Start.AddMinutes(20)));
        var statement = await app.Ru.ActOkAsync("incident.statement", new { incident = "inc-pg", text = "Our patrol had right of way." });

        await app.RestartAsync();
        var incident = await app.Us.GetJsonAsync("/v1/incidents/inc-pg");
        await CosignLatestAsync(app);
        var findings = await app.Ru.GetJsonAsync("/v1/incidents/inc-pg/findings");
        var bundle = await app.Ru.GetAsync("/v1/incidents/inc-pg/bundle");

        var only = Assert.Single(incident.GetProperty("statements").EnumerateArray());
        Assert.Equal((statement.GetProperty("index").GetInt64(), "ru"), (only.GetProperty("index").GetInt64(), only.GetProperty("party").GetString()));
        var check = cli::Deconflict.Cli.Evidence.BundleCheck.Run(new MemoryStream(await bundle.Content.ReadAsByteArrayAsync()), null);
        Assert.Equal(Findings(findings, "findings").Select(f => (f.Party, f.Rule, f.Text)), check.Adjudication.Findings.Select(f => (f.Party, f.Rule, f.Text)));
        Assert.Equal(Findings(findings, "compliant").Select(f => (f.Party, f.Rule, f.Text)), check.Adjudication.Compliance.Select(f => (f.Party, f.Rule, f.Text)));
        Assert.Contains(Findings(findings, "compliant"), f => f is ("us", "request-sent", _, _));
    }
}
