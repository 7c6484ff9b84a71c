using Deconflict.Geo;

namespace Deconflict.Track;

// Conformance with the unit's cleared movement, or its absence.
public sealed partial class Tracker
{
    private void CheckConformance(int i, ref Unit u, Wgs84 position, DateTimeOffset time, List<TrackAlert> alerts)
    {
        var corridor = u.Corridor;
        if (corridor is null)
        {
            // Corridor alerts of a movement that was withdrawn end with it.
            Set(i, ref u, Conformance.OutsideCorridor, raise: false, clear: true, null, time, alerts);
            Set(i, ref u, Conformance.AheadOfSchedule, raise: false, clear: true, null, time, alerts);
            Set(i, ref u, Conformance.BehindSchedule, raise: false, clear: true, null, time, alerts);
            Set(i, ref u, Conformance.OutsideTimeWindow, raise: false, clear: true, null, time, alerts);
            var moving = _rules.MovingSpeedMetresPerSecond;
            var speed = Math.Sqrt((u.EastSpeed * u.EastSpeed) + (u.NorthSpeed * u.NorthSpeed));
            Set(i, ref u, Conformance.MovingWithoutClearance, raise: speed > moving, clear: speed * _rules.ClearRatio < moving, null, time, alerts);
            return;
        }

        Set(i, ref u, Conformance.MovingWithoutClearance, raise: false, clear: true, null, time, alerts);
        var check = corridor.Check(position, time);
        var margin = _rules.CorridorClearMargin.Metres;
        Set(i, ref u, Conformance.OutsideTimeWindow, raise: !check.InsideTimeWindow, clear: check.InsideTimeWindow, null, time, alerts);
        Set(i, ref u, Conformance.OutsideCorridor, raise: check.IsOutsideCorridor,
            clear: check.OffCentreline.Metres < check.HalfWidth.Metres - margin || check.OffCentreline.Metres == 0, check.OffCentreline, time, alerts);
        // Outside the window the schedule has no meaning: the window alert says it all.
        var ahead = check.IsAhead && check.InsideTimeWindow;
        var behind = check.IsBehind && check.InsideTimeWindow;
        Set(i, ref u, Conformance.AheadOfSchedule, raise: ahead, clear: !ahead, null, time, alerts);
        Set(i, ref u, Conformance.BehindSchedule, raise: behind, clear: !behind, null, time, alerts);
    }

    private void Set(int i, ref Unit u, Conformance flag, bool raise, bool clear, Distance? distance, DateTimeOffset time, List<TrackAlert> alerts)
    {
        var raised = (u.Raised & flag) != 0;
        if (!raised && raise)
        {
            u.Raised |= flag;
            alerts.Add(Single(KindOf(flag), AlertTransition.Raised, i, distance, time));
        }
        else if (raised && clear && !raise)
        {
            u.Raised &= ~flag;
            alerts.Add(Single(KindOf(flag), AlertTransition.Cleared, i, distance, time));
        }
    }

    private static TrackAlertKind KindOf(Conformance flag) => flag switch
    {
        Conformance.OutsideCorridor => TrackAlertKind.OutsideCorridor,
        Conformance.AheadOfSchedule => TrackAlertKind.AheadOfSchedule,
        Conformance.BehindSchedule => TrackAlertKind.BehindSchedule,
        Conformance.OutsideTimeWindow => TrackAlertKind.OutsideTimeWindow,
        _ => TrackAlertKind.MovingWithoutClearance,
    };
}
