using System.Net;
using System.Text.Json;
using Deconflict.Server.Tests.Support;
using static Deconflict.Server.Tests.Support.DeconflictApplication;

namespace Deconflict.Server.Tests.EndToEnd;

/// <summary>The operator's and integrator's first minutes: health, the home page, the OpenAPI document, the reference page.</summary>
public sealed class HostingTests
{
    [Fact]
    public async Task Home_WithoutArrangement_ExplainsHowToInitialise()
    {
        await using var app = await StartAsync(withArrangement: false);
        using var http = new HttpClient { BaseAddress = app.BaseAddress };

        Assert.Equal("\"ok\"", await http.GetStringAsync("/healthz"));
        var home = await http.GetStringAsync("/");
        Assert.Contains("No arrangement is in force yet", home, StringComparison.Ordinal);
        Assert.Contains("deconflict init sign", home, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Home_WithArrangement_SaysWhoIsInIt()
    {
        await using var app = await StartAsync();
        using var http = new HttpClient { BaseAddress = app.BaseAddress };
        Assert.Contains("between us, uk, ru", await http.GetStringAsync("/"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task OpenApi_DescribesEveryResource_AsOpenApi31()
    {
        await using var app = await StartAsync();
        using var http = new HttpClient { BaseAddress = app.BaseAddress };

        var doc = JsonDocument.Parse(await http.GetStringAsync("/openapi/v1.json")).RootElement;

        Assert.StartsWith("3.1", doc.GetProperty("openapi").GetString(), StringComparison.Ordinal);
        var paths = doc.GetProperty("paths").EnumerateObject().Select(p => p.Name).ToHashSet();
        foreach (var path in new[] { "/v1/acts", "/v1/arrangement", "/v1/movements", "/v1/movements/{id}", "/v1/requests", "/v1/requests/{id}", "/v1/stream", "/v1/ledger", "/v1/hotline", "/healthz", "/v1/incidents", "/v1/incidents/{id}", "/v1/incidents/{id}/findings", "/v1/incidents/{id}/bundle", "/v1/ledger/checkpoints", "/v1/ledger/checkpoints/{size}/cosignatures" })
        {
            Assert.Contains(path, paths);
        }
    }

    [Fact]
    public async Task Reference_IsServedFromTheServerItself()
    {
        await using var app = await StartAsync();
        using var http = new HttpClient { BaseAddress = app.BaseAddress };

        var page = await http.GetStringAsync("/scalar/");

        Assert.Contains("src=\"scalar.js\"", page, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, (await http.GetAsync("/scalar/scalar.js")).StatusCode);
    }

    [Fact]
    public async Task UnknownRoute_IsAProblem()
    {
        await using var app = await StartAsync();
        using var http = new HttpClient { BaseAddress = app.BaseAddress };

        var response = await http.GetAsync("/v1/nothing-here");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("https://deconflict.dev/problems/not-found", JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.GetProperty("type").GetString());
    }
}
