using Microsoft.Extensions.Logging;

namespace Deconflict.Server.Hosting;

/// <summary>Every log message of the server, source-generated, with its event id.</summary>
internal static partial class Log
{
    [LoggerMessage(1, LogLevel.Information, "Replayed {Count} ledger entries in {ElapsedMs} ms; arrangement version {Version}")]
    public static partial void Replayed(ILogger logger, long count, long elapsedMs, int? version);

    [LoggerMessage(2, LogLevel.Warning, "No arrangement is in force yet. Each party runs `deconflict keygen --name PARTY --out keys`; create the arrangement with `deconflict init arrangement --party NAME=keys/NAME.vkey ... --out FILE`; every party signs it with `deconflict init sign --key keys/PARTY.key FILE`, then restart with `--arrangement FILE` or POST it to /v1/arrangement. Until then, acts are refused.")]
    public static partial void NotInitialised(ILogger logger);

    [LoggerMessage(3, LogLevel.Information, "Genesis: arrangement version {Version} with {Parties} parties from {File}")]
    public static partial void Genesis(ILogger logger, int version, int parties, string file);

    [LoggerMessage(4, LogLevel.Debug, "Appended {Kind} by {Party} at index {Index}")]
    public static partial void Appended(ILogger logger, string kind, string party, long index);

    [LoggerMessage(5, LogLevel.Information, "Refused {Kind} by {Party}: {Code}")]
    public static partial void Refused(ILogger logger, string kind, string party, string code);

    [LoggerMessage(6, LogLevel.Error, "The deadline loop failed; retrying")]
    public static partial void DeadlineLoopFailed(ILogger logger, Exception exception);

    [LoggerMessage(9, LogLevel.Error, "Signing the periodic checkpoint failed; retrying at the next period")]
    public static partial void CheckpointFailed(ILogger logger, Exception exception);

    [LoggerMessage(8, LogLevel.Critical, "The ledger did not take the entry staged at index {Index}; stopping so that a restart replays the ledger")]
    public static partial void LedgerDiverged(ILogger logger, long index, Exception? exception);

    [LoggerMessage(7, LogLevel.Information, "Storage: {Storage}")]
    public static partial void Storage(ILogger logger, string storage);

    [LoggerMessage(20, LogLevel.Information, "Demo: the ledger in {Data} already holds a played scenario; serving it as it is")]
    public static partial void DemoAlreadyPlayed(ILogger logger, string data);

    [LoggerMessage(21, LogLevel.Information, "Demo: played {Scenario} through the API into {Size} ledger entries; incident {Incident} (GET /v1/incidents); the parties' keys to sign with are in {Keys}")]
    public static partial void DemoPlayed(ILogger logger, string scenario, long size, string incident, string keys);

    [LoggerMessage(22, LogLevel.Error, "Demo: playing the scenario failed")]
    public static partial void DemoFailed(ILogger logger, Exception exception);
}
