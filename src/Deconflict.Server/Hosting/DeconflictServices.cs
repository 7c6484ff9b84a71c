using Deconflict.Ledger;
using Deconflict.Ledger.Storage;
using Deconflict.Ledger.Storage.Postgres;
using Deconflict.Ledger.Storage.Sqlite;
using Deconflict.Server.Acts;
using Deconflict.Server.Auth;
using Deconflict.Server.Deadlines;
using Deconflict.Server.Detection;
using Deconflict.Server.Ports;
using Deconflict.Server.Projection;
using Deconflict.Server.Storage;
using Deconflict.Server.Streams;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Deconflict.Server.Hosting;

/// <summary>The server's parts, each registered once; Program.cs calls these in order.</summary>
internal static class DeconflictServices
{
    /// <summary>Options from the command line, the clock, the operator key.</summary>
    public static WebApplicationBuilder AddDeconflictOptions(this WebApplicationBuilder builder)
    {
        builder.Services.AddSingleton(sp => ServerOptions.From(sp.GetRequiredService<IConfiguration>()));
        builder.Services.TryAddSingleton(TimeProvider.System);
        builder.Services.AddSingleton<OperatorIdentity>();
        return builder;
    }

    /// <summary>The ledger: SQLite in the data folder by default, PostgreSQL with <c>--postgres</c>.</summary>
    public static WebApplicationBuilder AddDeconflictLedger(this WebApplicationBuilder builder)
    {
        builder.Services.AddSingleton<IActLog>(sp => sp.GetRequiredService<SignedLogActLog>());
        builder.Services.AddSingleton(sp =>
        {
            var options = sp.GetRequiredService<ServerOptions>();
            var logger = sp.GetRequiredService<ILogger<SignedLogActLog>>();
            Directory.CreateDirectory(options.DataDirectory);
            ILedgerStorage storage = options.PostgresConnectionString is { } pg
                ? PostgresLedgerStorage.OpenAsync(pg, options.PostgresSchema, CancellationToken.None).GetAwaiter().GetResult()
                : SqliteLedgerStorage.OpenAsync(Path.Combine(options.DataDirectory, "ledger.db"), CancellationToken.None).GetAwaiter().GetResult();
            Log.Storage(logger, options.PostgresConnectionString is null ? $"SQLite {Path.Combine(options.DataDirectory, "ledger.db")}" : "PostgreSQL");
            var log = SignedLog.OpenAsync(storage, sp.GetRequiredService<OperatorIdentity>().Key, "deconflict.dev/ledger").GetAwaiter().GetResult();
            return new SignedLogActLog(log);
        });
        return builder;
    }

    /// <summary>The state (a fold of the ledger), the conflict engine, the write path, read authentication, the deadline loop.</summary>
    public static WebApplicationBuilder AddDeconflictCore(this WebApplicationBuilder builder)
    {
        builder.Services.AddSingleton<IConflictDetector, EngineConflictDetector>();
        builder.Services.AddSingleton<DeconflictState>();
        builder.Services.AddSingleton<EventSignal>();
        builder.Services.AddSingleton<ActPipeline>();
        builder.Services.AddSingleton<HttpMessageSignatures>();
        builder.Services.AddSingleton<Incidents.IncidentEvidence>();
        builder.Services.AddHostedService<LedgerReplay>();
        builder.Services.AddHostedService<DeadlineService>();
        builder.Services.AddHostedService<Storage.CheckpointSchedule>();
        return builder;
    }
}

/// <summary>Replays the ledger before the server takes requests (hosted services start before Kestrel listens).</summary>
internal sealed class LedgerReplay(ActPipeline pipeline) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken) => pipeline.InitialiseAsync(cancellationToken);

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
