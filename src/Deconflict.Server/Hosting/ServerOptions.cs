using Microsoft.Extensions.Configuration;

namespace Deconflict.Server.Hosting;

/// <summary>The server's settings, from the command line (<c>--data DIR</c>, <c>--arrangement FILE</c>, <c>--postgres CONN</c>)
/// or configuration (<c>Deconflict:Data</c>, <c>Deconflict:Arrangement</c>, <c>Deconflict:Postgres</c>).</summary>
internal sealed class ServerOptions
{
    public required string DataDirectory { get; init; }

    public string? ArrangementFile { get; init; }

    public string? PostgresConnectionString { get; init; }

    /// <summary>The PostgreSQL schema holding the ledger (<c>--postgres-schema</c>, default <c>deconflict</c>).</summary>
    public string PostgresSchema { get; init; } = "deconflict";

    /// <summary>How old an HTTP message signature may be (RFC 9421 <c>created</c>).</summary>
    public TimeSpan SignatureMaxAge { get; init; } = TimeSpan.FromSeconds(60);

    /// <summary>How far an envelope's <c>time</c> may be from the server's clock.</summary>
    public TimeSpan MaxClockSkew { get; init; } = TimeSpan.FromMinutes(5);

    /// <summary>The CoT listener's TCP port (<c>--cot-port</c>, default 8087; 0 picks a free port).</summary>
    public int CotPort { get; init; } = 8087;

    /// <summary>The address the CoT listener binds (<c>--cot-address</c>, default all interfaces).</summary>
    public System.Net.IPAddress CotAddress { get; init; } = System.Net.IPAddress.Any;

    /// <summary>How often the operator signs a checkpoint of a grown ledger for the parties' witnesses to cosign
    /// (<c>--checkpoint-every SECONDS</c>, default 60; 0 signs only on request).</summary>
    public TimeSpan CheckpointEvery { get; init; } = TimeSpan.FromSeconds(60);

    /// <summary>How far a directly reporting unit may stray from the dead-reckoned track of its recorded reports before a
    /// report is recorded again (<c>--track-thinning-m</c>, default 10; 0 records every report). See
    /// <see cref="Deconflict.Track.TrackThinning"/>.</summary>
    public Geo.Distance TrackThinning { get; init; } = Geo.Distance.FromMetres(10);

    /// <summary>The longest time between two recorded reports of a directly reporting unit (<c>--track-thinning-max-s</c>, default 30).</summary>
    public TimeSpan TrackThinningMaxInterval { get; init; } = TimeSpan.FromSeconds(30);

    public static ServerOptions From(IConfiguration config) => new()
    {
        DataDirectory = Path.GetFullPath(config["data"] ?? config["Deconflict:Data"] ?? "./data"),
        ArrangementFile = config["arrangement"] ?? config["Deconflict:Arrangement"],
        PostgresConnectionString = config["postgres"] ?? config["Deconflict:Postgres"],
        PostgresSchema = config["postgres-schema"] ?? config["Deconflict:PostgresSchema"] ?? "deconflict",
        CotPort = int.Parse(config["cot-port"] ?? config["Deconflict:CotPort"] ?? "8087", System.Globalization.CultureInfo.InvariantCulture),
        CotAddress = System.Net.IPAddress.Parse(config["cot-address"] ?? config["Deconflict:CotAddress"] ?? "0.0.0.0"),
        TrackThinning = Geo.Distance.FromMetres(double.Parse(config["track-thinning-m"] ?? config["Deconflict:TrackThinningMetres"] ?? "10", System.Globalization.CultureInfo.InvariantCulture)),
        TrackThinningMaxInterval = TimeSpan.FromSeconds(double.Parse(config["track-thinning-max-s"] ?? config["Deconflict:TrackThinningMaxSeconds"] ?? "30", System.Globalization.CultureInfo.InvariantCulture)),
        CheckpointEvery = TimeSpan.FromSeconds(double.Parse(config["checkpoint-every"] ?? config["Deconflict:CheckpointEvery"] ?? "60", System.Globalization.CultureInfo.InvariantCulture)),
    };
}
