using Microsoft.Extensions.Logging;

namespace Deconflict.Server.Live;

/// <summary>Live tracking's log messages (event ids from 100).</summary>
internal static partial class LiveLog
{
    [LoggerMessage(100, LogLevel.Error, "Could not record live tracking in the ledger ({Code})")]
    public static partial void RecordFailed(ILogger logger, string code, Exception exception);

    [LoggerMessage(101, LogLevel.Information, "CoT listening on TCP {Endpoint}")]
    public static partial void Listening(ILogger logger, string endpoint);

    [LoggerMessage(102, LogLevel.Information, "CoT connection from {Remote} as party {Party}")]
    public static partial void Connected(ILogger logger, string remote, string party);

    [LoggerMessage(103, LogLevel.Warning, "CoT connection from {Remote} refused: {Reason}")]
    public static partial void Refused(ILogger logger, string remote, string reason);

    [LoggerMessage(104, LogLevel.Information, "CoT connection from {Remote} ended: {End}")]
    public static partial void Ended(ILogger logger, string remote, string end);

    [LoggerMessage(105, LogLevel.Information, "CoT listening on UDP {Endpoint}")]
    public static partial void ListeningUdp(ILogger logger, string endpoint);

    [LoggerMessage(106, LogLevel.Information, "Tracker restored from the ledger: {Units} units at their last recorded position")]
    public static partial void Restored(ILogger logger, int units);
}
