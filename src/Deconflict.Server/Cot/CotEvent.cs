namespace Deconflict.Server.Cot;

/// <summary>One Cursor-on-Target event as Deconflict reads it: identity, times, position, and the detail pieces it uses.</summary>
/// <remarks>
/// <para>Built by <see cref="CotDecoder"/> from CoT XML or a TAK Protocol version 1 <c>CotEvent</c>; every value has been
/// range-checked there (latitude in [-90, 90], longitude in [-180, 180], finite heights and errors, timely times).
/// Detail elements Deconflict does not use are not kept. A sender's claims (uid, callsign) are only claims: the
/// server attributes a report to a party by the connection it came on.</para>
/// </remarks>
/// <threadsafety>This type is immutable and safe to share between threads.</threadsafety>
public sealed class CotEvent
{
    /// <summary>The value CoT uses for an unknown height or error, in metres.</summary>
    public const double Unknown = 9_999_999;

    /// <summary>The sender's unique id for what the event describes (a device, a marker, a route).</summary>
    public required string Uid { get; init; }

    /// <summary>The CoT type, such as <c>a-f-G-U-C</c> (a friendly ground unit) or <c>b-m-r</c> (a route).</summary>
    public required string Type { get; init; }

    /// <summary>How the position was obtained (<c>m-g</c> machine GPS, <c>h-e</c> human entered); empty if absent.</summary>
    public string How { get; init; } = "";

    /// <summary>When the event was generated, UTC.</summary>
    public DateTimeOffset Time { get; init; }

    /// <summary>When the event starts to be valid, UTC.</summary>
    public DateTimeOffset Start { get; init; }

    /// <summary>When the event stops being valid, UTC; never before <see cref="Start"/>.</summary>
    public DateTimeOffset Stale { get; init; }

    /// <summary>Latitude in degrees, in [-90, 90].</summary>
    public double Latitude { get; init; }

    /// <summary>Longitude in degrees, in [-180, 180].</summary>
    public double Longitude { get; init; }

    /// <summary>Height above the WGS 84 ellipsoid in metres; <see cref="Unknown"/> if unknown.</summary>
    public double HaeMetres { get; init; } = Unknown;

    /// <summary>Circular (horizontal) error in metres; <see cref="Unknown"/> if unknown.</summary>
    public double CeMetres { get; init; } = Unknown;

    /// <summary>Linear (vertical) error in metres; <see cref="Unknown"/> if unknown.</summary>
    public double LeMetres { get; init; } = Unknown;

    /// <summary>The <c>&lt;contact callsign&gt;</c>, or <see langword="null"/>.</summary>
    public string? Callsign { get; init; }

    /// <summary>The <c>&lt;track course&gt;</c> in degrees clockwise from true north, or <see langword="null"/>.</summary>
    public double? CourseDegrees { get; init; }

    /// <summary>The <c>&lt;track speed&gt;</c> in metres per second, or <see langword="null"/>.</summary>
    public double? SpeedMetresPerSecond { get; init; }

    /// <summary>The text of <c>&lt;remarks&gt;</c>, or <see langword="null"/> when absent or empty.</summary>
    public string? Remarks { get; init; }

    /// <summary>The <c>&lt;link point="lat,lon[,hae]"&gt;</c> elements in document order: the waypoints and control points of a <c>b-m-r</c> route, or the vertices of a drawn shape (<c>u-d-f</c>).</summary>
    public IReadOnlyList<CotRoutePoint> RoutePoints { get; init; } = [];

    /// <summary>The TAK Protocol negotiation detail (<c>&lt;TakControl&gt;</c>), or <see langword="null"/>.</summary>
    public TakControlDetail? Control { get; init; }

    /// <summary>Whether this is a route (<c>b-m-r</c>), whose <see cref="RoutePoints"/> describe a planned movement.</summary>
    public bool IsRoute => Type == "b-m-r";
}

/// <summary>One point of a CoT route: a <c>&lt;link&gt;</c> with a <c>point</c> attribute.</summary>
/// <param name="Uid">The point's uid.</param>
/// <param name="Callsign">Its callsign, often empty for control points.</param>
/// <param name="Type"><c>b-m-p-w</c> for a waypoint, <c>b-m-p-c</c> for a control point.</param>
/// <param name="Latitude">Degrees, in [-90, 90].</param>
/// <param name="Longitude">Degrees, in [-180, 180].</param>
/// <param name="HaeMetres">Height above the ellipsoid in metres, or <see cref="CotEvent.Unknown"/> if not given.</param>
/// <threadsafety>This type is an immutable value type.</threadsafety>
public readonly record struct CotRoutePoint(string Uid, string Callsign, string Type, double Latitude, double Longitude, double HaeMetres);

/// <summary>The <c>&lt;TakControl&gt;</c> detail of a TAK Protocol streaming negotiation message.</summary>
/// <param name="SupportedVersions">The versions a server offers (<c>&lt;TakProtocolSupport version&gt;</c>, in a <c>t-x-takp-v</c>).</param>
/// <param name="RequestedVersion">The version a client asks for (<c>&lt;TakRequest version&gt;</c>, in a <c>t-x-takp-q</c>).</param>
/// <param name="Accepted">The server's answer (<c>&lt;TakResponse status&gt;</c>, in a <c>t-x-takp-r</c>).</param>
/// <threadsafety>This type is immutable.</threadsafety>
public sealed record TakControlDetail(IReadOnlyList<int> SupportedVersions, int? RequestedVersion, bool? Accepted);
