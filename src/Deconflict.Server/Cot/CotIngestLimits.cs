namespace Deconflict.Server.Cot;

/// <summary>Bounds applied to every incoming CoT event, whatever its transport.</summary>
/// <remarks>
/// <para>The defaults suit live tracking: an event of at most 64 KiB (ATAK position reports are under 1 KiB, routes and
/// shapes a few KiB), an event time at most 24 hours old (a relay may forward a backlog) and at most 5 minutes ahead
/// (clock skew of field devices).</para>
/// </remarks>
/// <threadsafety>This type is immutable and safe to share between threads.</threadsafety>
public sealed record CotIngestLimits
{
    /// <summary>The default limits.</summary>
    public static CotIngestLimits Default { get; } = new();

    /// <summary>The largest event or TAK Protocol payload accepted, in bytes. Default 65,536.</summary>
    public int MaxEventBytes { get; init; } = 64 * 1024;

    /// <summary>How far before "now" an event's <c>time</c> and <c>start</c> may be. Default 24 hours.</summary>
    public TimeSpan MaxAge { get; init; } = TimeSpan.FromHours(24);

    /// <summary>How far after "now" an event's <c>time</c> and <c>start</c> may be. Default 5 minutes.</summary>
    public TimeSpan MaxAhead { get; init; } = TimeSpan.FromMinutes(5);

    /// <summary>Whether <paramref name="instant"/> lies within [now − <see cref="MaxAge"/>, now + <see cref="MaxAhead"/>].</summary>
    internal bool IsTimely(DateTimeOffset instant, DateTimeOffset now) =>
        instant >= now - MaxAge && instant <= now + MaxAhead;
}
