namespace Deconflict.Server.Cot;

/// <summary>The <c>&lt;point&gt;</c> values as read, before validation.</summary>
internal struct PointPieces
{
    public double Latitude;
    public double Longitude;
    public double Hae;
    public double Ce;
    public double Le;
}

/// <summary>The <c>&lt;detail&gt;</c> values Deconflict uses, gathered from XML or from typed protobuf fields.</summary>
internal struct DetailPieces
{
    public string? Callsign;
    public double? Course;
    public double? Speed;
    public string? Remarks;
    public List<CotRoutePoint>? RoutePoints;
    public TakControlDetail? Control;
}

/// <summary>The checks every decoded event passes, whichever encoding it came in: coordinates and times.</summary>
internal static class CotEventValidation
{
    public static CotDropReason Build(
        string uid, string type, string how, DateTimeOffset time, DateTimeOffset start, DateTimeOffset stale,
        in PointPieces point, in DetailPieces detail, DateTimeOffset now, CotIngestLimits limits, out CotEvent? result)
    {
        result = null;
        if (!IsLatitude(point.Latitude) || !IsLongitude(point.Longitude)
            || !double.IsFinite(point.Hae) || !double.IsFinite(point.Ce) || !double.IsFinite(point.Le)
            || detail.Course is { } c && !double.IsFinite(c) || detail.Speed is { } s && !double.IsFinite(s))
        {
            return CotDropReason.CoordinateOutOfRange;
        }

        if (detail.RoutePoints is { } route && route.Exists(p => !IsLatitude(p.Latitude) || !IsLongitude(p.Longitude) || !double.IsFinite(p.HaeMetres)))
        {
            return CotDropReason.CoordinateOutOfRange;
        }

        if (!limits.IsTimely(time, now) || !limits.IsTimely(start, now) || stale < start)
        {
            return CotDropReason.TimeOutOfRange;
        }

        result = new CotEvent
        {
            Uid = uid,
            Type = type,
            How = how,
            Time = time,
            Start = start,
            Stale = stale,
            Latitude = point.Latitude,
            Longitude = point.Longitude,
            HaeMetres = point.Hae,
            CeMetres = point.Ce,
            LeMetres = point.Le,
            Callsign = detail.Callsign,
            CourseDegrees = detail.Course,
            SpeedMetresPerSecond = detail.Speed,
            Remarks = detail.Remarks,
            RoutePoints = detail.RoutePoints ?? (IReadOnlyList<CotRoutePoint>)[],
            Control = detail.Control,
        };
        return CotDropReason.None;
    }

    private static bool IsLatitude(double value) => value is >= -90 and <= 90;

    private static bool IsLongitude(double value) => value is >= -180 and <= 180;
}
