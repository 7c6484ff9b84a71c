using Deconflict.Server.Tests.Support;
using static Deconflict.Server.Tests.Support.DeconflictApplication;

namespace Deconflict.Server.Tests.EndToEnd;

/// <summary>The operator's shared deployment: the same workflow on PostgreSQL (<c>--postgres</c>), restart included.</summary>
public sealed class PostgresWorkflowTests
{
    internal static string ConnectionString =>
        Environment.GetEnvironmentVariable("DECONFLICT_TEST_PG") is { Length: > 0 } value
            ? value
            : throw new InvalidOperationException(
                "DECONFLICT_TEST_PG is not set: this test needs a real PostgreSQL. Run `bash scripts/test.sh`, or start one with " +
                "`bash scripts/postgres.sh start DIR PORT` and export its connection string as DECONFLICT_TEST_PG.");

    [Fact]
    public async Task Workflow_OnPostgres_DeclaresNegotiatesEscalatesAndSurvivesRestart()
    {
        await using var app = await StartAsync(postgres: ConnectionString);
        string requestId;
        await using (var ruStream = await app.Ru.StreamAsync())
        {
            requestId = await NegotiationWorkflowTests.DeclareCrossingAsync(app, ruStream);
            app.Clock.Advance(ResponseDeadline);
            await ruStream.WaitForAsync("request.escalated");
        }

        await app.RestartAsync();

        var request = await app.Ru.GetJsonAsync($"/v1/requests/{requestId}");
        Assert.Equal(1, request.GetProperty("escalationLevel").GetInt32());
        await app.Ru.ActOkAsync("request.approve", new { requestId, conditions = "before 18:45" });
        Assert.Equal("cleared", (await app.Us.GetJsonAsync("/v1/movements/us-convoy-1")).GetProperty("state").GetString());
    }
}
