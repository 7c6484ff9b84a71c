using Deconflict.Server.Cot;
using Deconflict.Server.Live;

namespace Deconflict.Server.Hosting;

/// <summary>Live tracking's parts: the tracker, the CoT listener and its session tokens, the recorder, the metrics.</summary>
internal static class LiveServices
{
    /// <summary>Live tracking: units' positions in, alerts out to both parties' streams and TAK clients, all recorded.</summary>
    public static WebApplicationBuilder AddDeconflictLive(this WebApplicationBuilder builder)
    {
        builder.Services.AddSingleton<CotIngestCounters>();
        builder.Services.AddSingleton(sp => new CotDecoder(CotIngestLimits.Default, sp.GetRequiredService<CotIngestCounters>(), sp.GetRequiredService<TimeProvider>()));
        builder.Services.AddSingleton<LiveCounters>();
        builder.Services.AddSingleton<CotConnections>();
        builder.Services.AddSingleton<CotSessionTokens>();
        builder.Services.AddSingleton<LiveTracker>();
        builder.Services.AddSingleton<CotListener>();
        builder.Services.AddHostedService<LiveRestore>();
        builder.Services.AddHostedService(sp => sp.GetRequiredService<CotListener>());
        builder.Services.AddHostedService<CotDatagramListener>();
        builder.Services.AddSingleton<LiveRecorder>();
        builder.Services.AddHostedService(sp => sp.GetRequiredService<LiveRecorder>());
        builder.Services.AddHostedService<AlertSender>();
        return builder;
    }
}
