using System.Net;
using System.Text.Json;

namespace Deconflict.Server.Tests.Support;

/// <summary>Checks an RFC 9457 answer: status, media type, the stable problem type, a detail.</summary>
internal static class Problems
{
    public static async Task<JsonElement> AssertProblemAsync(HttpResponseMessage response, HttpStatusCode status, string code)
    {
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(status == response.StatusCode, $"expected {status}, got {response.StatusCode}: {text}");
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = JsonDocument.Parse(text).RootElement.Clone();
        Assert.Equal("https://deconflict.dev/problems/" + code, problem.GetProperty("type").GetString());
        Assert.False(string.IsNullOrEmpty(problem.GetProperty("detail").GetString()));
        return problem;
    }

    public static async Task<long> LedgerSizeAsync(DeconflictApplication app) =>
        (await app.Us.GetJsonAsync("/v1/ledger")).GetProperty("size").GetInt64();
}
