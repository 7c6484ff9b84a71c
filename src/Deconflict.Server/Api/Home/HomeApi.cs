using System.Net;
using Deconflict.Server.Projection;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;

namespace Deconflict.Server.Api.Home;

/// <summary><c>/</c>: a page saying what state the deployment is in and how to initialise it; <c>/healthz</c>: liveness.</summary>
internal static class HomeApi
{
    public static IEndpointRouteBuilder MapHome(this IEndpointRouteBuilder routes)
    {
        routes.MapGet("/healthz", () => TypedResults.Ok("ok")).WithTags("Health").WithName("Health").WithSummary("Liveness");
        routes.MapGet("/", Page).ExcludeFromDescription();
        return routes;
    }

    private static ContentHttpResult Page([FromServices] DeconflictState state)
    {
        string status;
        lock (state.Gate)
        {
            status = state.Book is { } book
                ? $"<p>Arrangement version {book.Arrangement.Version} is in force between {WebUtility.HtmlEncode(string.Join(", ", book.Arrangement.Parties.Select(p => p.Id.Name)))}; the ledger holds {state.Size} entries, {book.Movements.Count} movements and {book.Requests.Count} passage requests.</p>"
                : """
                  <p><strong>No arrangement is in force yet.</strong> To initialise one:</p>
                  <ol>
                    <li>Each party makes its key: <code>deconflict keygen --name PARTY --out keys</code> (writes <code>PARTY.key</code>, private, and <code>PARTY.vkey</code>).</li>
                    <li>Write the arrangement: <code>deconflict init arrangement --party us=keys/us.vkey --party uk=keys/uk.vkey --party ru=keys/ru.vkey --coalition us,uk --minimum-notice-s 7200 --response-deadline-s 1800 --escalation duty-officer,chief-of-staff,hotline --out arrangement.json</code>.</li>
                    <li>Every party signs the same file: <code>deconflict init sign --key keys/PARTY.key arrangement.json</code>.</li>
                    <li>Restart the server with <code>--arrangement arrangement.json</code>, or <code>POST</code> the signed file to <code>/v1/arrangement</code>.</li>
                  </ol>
                  """;
        }

        return TypedResults.Content($$"""
            <!doctype html>
            <html lang="en"><head><meta charset="utf-8"><title>Deconflict</title>
            <style>body{font:16px/1.5 system-ui,sans-serif;max-width:48rem;margin:2rem auto;padding:0 1rem}code{background:#eee;padding:0 .2em}</style></head>
            <body><h1>Deconflict</h1>
            {{status}}
            <p><strong><a href="/console/">Open the web console</a></strong> and load your party's key file (<code>PARTY.key</code>): it stays in the browser's memory.</p>
            <p>API: <a href="/scalar">reference</a> · <a href="/openapi/v1.json">OpenAPI 3.1</a> · <a href="/healthz">health</a>.
            Writes are signed envelopes posted to <code>/v1/acts</code>; reads are signed with RFC 9421 HTTP message signatures (Ed25519, keyid = party).</p>
            </body></html>
            """, "text/html; charset=utf-8");
    }
}
