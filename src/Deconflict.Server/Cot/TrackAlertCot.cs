using System.Globalization;
using Deconflict.Track;

namespace Deconflict.Server.Cot;

/// <summary>Turns the tracker's <see cref="TrackAlert"/>s into <see cref="CotAlert"/>s for TAK clients.</summary>
/// <remarks>
/// <para>The CoT uid is derived from the alert's kind and units only (<c>deconflict.proximity.us-mrap-1.ru-btr-4</c>), so
/// the raise and the later clear of one alert carry the same uid and the clear takes the marker off the map. Times and
/// positions are the tracker's; remarks say who, which party, how far and how fast, in English.</para>
/// </remarks>
/// <threadsafety>The static members are safe to call from any thread.</threadsafety>
public static class TrackAlertCot
{
    /// <summary>The CoT form of a tracker alert.</summary>
    /// <param name="alert">The alert.</param>
    /// <param name="linkedCotUid">The CoT uid of <see cref="TrackAlert.Unit"/>'s device, to link the marker to it; <see langword="null"/> for none.</param>
    public static CotAlert ToCotAlert(TrackAlert alert, string? linkedCotUid = null)
    {
        ArgumentNullException.ThrowIfNull(alert);
        var kind = NameOf(alert.Kind);
        return new CotAlert
        {
            Uid = alert.OtherUnit is null ? $"deconflict.{kind}.{alert.Unit}" : $"deconflict.{kind}.{alert.Unit}.{alert.OtherUnit}",
            Callsign = $"DECONFLICT {kind.ToUpperInvariant()} {alert.Unit}",
            Latitude = alert.Position.Latitude,
            Longitude = alert.Position.Longitude,
            Time = alert.Time,
            Cancel = alert.Transition == AlertTransition.Cleared,
            LinkedUid = linkedCotUid,
            Remarks = Remarks(alert),
        };
    }

    private static string Remarks(TrackAlert alert)
    {
        var verb = alert.Transition == AlertTransition.Cleared ? "cleared" : "raised";
        var who = $"{alert.Unit} ({alert.Party})";
        var text = alert.Kind switch
        {
            TrackAlertKind.Proximity => $"{who} within {Metres(alert)} of {alert.OtherUnit} ({alert.OtherParty})",
            TrackAlertKind.Closing => $"{who} closing on {alert.OtherUnit} ({alert.OtherParty}) at {Speed(alert)}, {Metres(alert)} apart",
            TrackAlertKind.OutsideCorridor => $"{who} {Metres(alert)} off its cleared route",
            TrackAlertKind.AheadOfSchedule => $"{who} ahead of its cleared schedule",
            TrackAlertKind.BehindSchedule => $"{who} behind its cleared schedule",
            TrackAlertKind.OutsideTimeWindow => $"{who} outside its cleared time window",
            TrackAlertKind.MovingWithoutClearance => $"{who} moving with no cleared movement",
            _ => $"{who} has not reported",
        };
        return $"{NameOf(alert.Kind)} {verb}: {text}";
    }

    private static string Metres(TrackAlert alert) =>
        alert.Distance is { } d ? string.Create(CultureInfo.InvariantCulture, $"{d.Metres:0} m") : "?";

    private static string Speed(TrackAlert alert) =>
        alert.ClosingSpeedMetresPerSecond is { } s ? string.Create(CultureInfo.InvariantCulture, $"{s:0.0} m/s") : "?";

    /// <summary>The alert kind's name in CoT uids and ledger entries: <c>proximity</c>, <c>outside-corridor</c>, ….</summary>
    public static string NameOf(TrackAlertKind kind) => kind switch
    {
        TrackAlertKind.Proximity => "proximity",
        TrackAlertKind.Closing => "closing",
        TrackAlertKind.OutsideCorridor => "outside-corridor",
        TrackAlertKind.AheadOfSchedule => "ahead-of-schedule",
        TrackAlertKind.BehindSchedule => "behind-schedule",
        TrackAlertKind.OutsideTimeWindow => "outside-time-window",
        TrackAlertKind.MovingWithoutClearance => "moving-without-clearance",
        _ => "stale",
    };
}
