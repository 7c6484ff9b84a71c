namespace Deconflict.Adjudicate;

/// <summary>The rule codes a <see cref="Finding"/> carries.</summary>
/// <threadsafety>Constants only.</threadsafety>
public static class Rules
{
    /// <summary>A movement declared (or amended) less than the minimum notice before its start; compliant: enough notice.</summary>
    public const string Notice = "notice";

    /// <summary>A unit moving while its movement was not cleared (declared, expired or cancelled).</summary>
    public const string MovedUncleared = "moved-uncleared";

    /// <summary>A unit moving with no declared movement at all.</summary>
    public const string MovedUndeclared = "moved-undeclared";

    /// <summary>A unit moving after the party's passage request was denied.</summary>
    public const string MovedDespiteDenial = "moved-despite-denial";

    /// <summary>A unit came close to another party's unit with no passage request of its movement to that party.</summary>
    public const string NoPassageRequest = "no-passage-request";

    /// <summary>Requester side: a passage request was sent (compliant fact).</summary>
    public const string RequestSent = "request-sent";

    /// <summary>Addressee side: a request left unanswered by its deadline; compliant: answered (or acknowledged) in time.</summary>
    public const string RequestAnswer = "request-answer";

    /// <summary>A unit outside its declared corridor.</summary>
    public const string OutsideCorridor = "outside-corridor";

    /// <summary>A unit ahead of its declared schedule beyond the tolerance.</summary>
    public const string AheadOfSchedule = "ahead-of-schedule";

    /// <summary>A unit behind its declared schedule beyond the tolerance.</summary>
    public const string BehindSchedule = "behind-schedule";

    /// <summary>A unit moving outside its movement's time window (widened by the tolerance).</summary>
    public const string OutsideTimeWindow = "outside-time-window";

    /// <summary>A unit whose own motion closed on (or pursued) another party's unit faster than the arrangement allows.</summary>
    public const string Closing = "closing";

    /// <summary>Two parties' units closer than the proximity threshold; the breach is against the one whose motion closed
    /// more of the distance, the other gets the compliant fact.</summary>
    public const string Proximity = "proximity";

    /// <summary>A call on the hotline (compliant fact).</summary>
    public const string Hotline = "hotline";
}
