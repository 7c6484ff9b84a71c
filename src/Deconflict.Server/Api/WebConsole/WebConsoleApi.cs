using System.Reflection;
using Microsoft.AspNetCore.StaticFiles;

namespace Deconflict.Server.Api.WebConsole;

/// <summary><c>/console/</c>: the duty officer's web console, its files and its browser libraries embedded in this assembly
/// (the build installs the libraries with npm), so it works on a laptop without internet. <c>/console/config.json</c> tells
/// the page the operator's tile server (<c>--tiles URL</c>, e.g. <c>http://127.0.0.1:8080/{z}/{x}/{y}.png</c>), if any.</summary>
/// <remarks>The page keeps the party's private key in memory and signs in the browser; every response carries a
/// Content-Security-Policy that lets the page reach this server (and the configured tile server's images) only.</remarks>
internal static class WebConsoleApi
{
    private const string Prefix = "webconsole/";
    private static readonly Assembly Assembly = typeof(WebConsoleApi).Assembly;
    private static readonly FileExtensionContentTypeProvider ContentTypes = new();

    public static IEndpointRouteBuilder MapWebConsole(this IEndpointRouteBuilder routes)
    {
        routes.MapGet("/console/config.json", Config).ExcludeFromDescription();
        routes.MapGet("/console/{**path}", Asset).ExcludeFromDescription();
        return routes;
    }

    /// <summary>The tile URL template the operator configured, if any: Leaflet's <c>{z}/{x}/{y}</c> form.</summary>
    private static string? Tiles(IConfiguration configuration) => configuration["tiles"] is { Length: > 0 } t ? t : null;

    private static IResult Config(HttpContext http, IConfiguration configuration)
    {
        Secure(http, configuration);
        return TypedResults.Json(new { tiles = Tiles(configuration) });
    }

    private static IResult Asset(string? path, HttpContext http, IConfiguration configuration)
    {
        if (string.IsNullOrEmpty(path) && !http.Request.Path.Value!.EndsWith('/'))
        {
            // Routing matches /console as /console/, but the page's relative links need the slash.
            return TypedResults.Redirect("/console/");
        }

        var name = string.IsNullOrEmpty(path) ? "index.html" : path;
        // Resource names are fixed at build time, so the lookup needs no path sanitising: "../x" simply is not one.
        var stream = Assembly.GetManifestResourceStream(Prefix + name);
        if (stream is null)
        {
            return TypedResults.NotFound();
        }

        Secure(http, configuration);
        // The console is small and changes with the server: revalidate rather than serve a stale page after an upgrade.
        http.Response.Headers.CacheControl = "no-cache";
        return TypedResults.Stream(stream, ContentTypes.TryGetContentType(name, out var type) ? type : "application/octet-stream");
    }

    private static void Secure(HttpContext http, IConfiguration configuration)
    {
        var tileOrigin = Tiles(configuration) is { } t && Uri.TryCreate(t.Replace("{", "", StringComparison.Ordinal).Replace("}", "", StringComparison.Ordinal), UriKind.Absolute, out var u)
            ? " " + u.GetLeftPart(UriPartial.Authority)
            : "";
        // Leaflet positions its panes with inline styles and milsymbol draws symbols as data: URLs, hence those two allowances.
        http.Response.Headers.ContentSecurityPolicy =
            $"default-src 'self'; img-src 'self' data:{tileOrigin}; style-src 'self' 'unsafe-inline'; connect-src 'self'; frame-ancestors 'none'";
        http.Response.Headers.XContentTypeOptions = "nosniff";
    }
}
