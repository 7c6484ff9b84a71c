using Deconflict.Server.Api.Acts;
using Deconflict.Server.Api.Arrangement;
using Deconflict.Server.Api.Home;
using Deconflict.Server.Api.Incidents;
using Deconflict.Server.Api.Ledger;
using Deconflict.Server.Api.Live;
using Deconflict.Server.Api.Movements;
using Deconflict.Server.Api.Preview;
using Deconflict.Server.Api.Requests;
using Deconflict.Server.Api.Session;
using Deconflict.Server.Api.Stream;
using Deconflict.Server.Api.Units;
using Deconflict.Server.Api.WebConsole;
using Deconflict.Server.Problems;
using Scalar.AspNetCore;

namespace Deconflict.Server.Hosting;

/// <summary>The server as one application: the table of contents of its parts, used by Program.cs and by
/// <c>deconflict demo</c>, which runs it in-process.</summary>
internal static class DeconflictApp
{
    public static WebApplication Build(string[] args)
    {
        // `--demo` alone is a switch; the configuration's command-line reader wants a value.
        var builder = WebApplication.CreateBuilder([.. args.Select(a => a == "--demo" ? "--demo=true" : a)]);
        builder.AddDeconflictDemo();          // --demo: the scenario clock and the scenario played through the API at startup
        builder.AddDeconflictOptions();       // --data DIR, --arrangement FILE, --postgres CONN; the clock; the operator key
        builder.AddDeconflictLedger();        // the signed ledger: SQLite in DIR, or PostgreSQL
        builder.AddDeconflictCore();          // state as a fold of the ledger, conflict engine, write path, RFC 9421 reads, deadlines
        builder.AddDeconflictLive();          // live tracking: --cot-port listener, tracker, alerts to streams and TAK, attested batches
        builder.AddDeconflictProblems();      // every error as RFC 9457 problem details with a stable type
        builder.Services.AddOpenApi();        // the OpenAPI 3.1 document

        var app = builder.Build();
        app.UseDeconflictProblems();          // unhandled failures and unknown routes as problems too
        app.MapOpenApi();                     // /openapi/v1.json
        app.MapScalarApiReference();          // /scalar: the interactive reference, served from the package's own assets
        app.MapHome();                        // / (status and how to initialise) and /healthz
        app.MapArrangement();                 // /v1/arrangement: genesis and amendments signed by every party
        app.MapActs();                        // /v1/acts: every party's signed writes
        app.MapMovements();                   // /v1/movements: own and coalition movements, whole
        app.MapRequests();                    // /v1/requests: passage requests sent or received, conflicting pieces only
        app.MapStream();                      // /v1/stream: live events per party, resumable by ledger index
        app.MapLedger();                      // /v1/ledger size, /v1/hotline calls
        app.MapCheckpoints();                 // /v1/ledger/checkpoints: signed by the operator, cosigned by every party
        app.MapLive();                        // /v1/tracks NDJSON, /v1/cot/sessions tokens for TAK connections, /v1/metrics
        app.MapIncidents();                   // /v1/incidents: reports, statements, findings and evidence bundles
        app.MapWebConsole();                  // /console/: the duty officer's web console, served from this assembly
        app.MapSession();                     // /v1/session: the signing party's last seq, allies and parties (for the console)
        app.MapUnits();                       // /v1/units: latest positions of own and coalition units
        app.MapPreview();                     // /v1/movements/preview: a declaration's conflicts and departure shifts, before declaring
        return app;
    }
}
