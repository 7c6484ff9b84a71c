using Deconflict.Geo;

namespace Deconflict.Negotiate;

/// <summary>What the addressee of a passage request offers instead: another time window, another route, or both.</summary>
/// <remarks>At least one of <see cref="Window"/> and <see cref="Route"/> is set. The route is the list of positions
/// the movement should follow instead; its timing is the movement's own unless a window is given.</remarks>
/// <threadsafety>This type is immutable and safe to share between threads.</threadsafety>
public sealed class CounterProposal
{
    /// <summary>Creates a counter-proposal.</summary>
    /// <exception cref="ArgumentException">Neither a window nor a route of at least two positions is given.</exception>
    public CounterProposal(TimeWindow? window, IReadOnlyList<Wgs84>? route, string? note)
    {
        if (window is null && (route is null || route.Count < 2))
        {
            throw new ArgumentException("A counter-proposal needs a window or a route of at least two positions", nameof(window));
        }

        Window = window;
        Route = route;
        Note = note;
    }

    /// <summary>The window proposed instead, if any.</summary>
    public TimeWindow? Window { get; }

    /// <summary>The route proposed instead, if any.</summary>
    public IReadOnlyList<Wgs84>? Route { get; }

    /// <summary>A free-text explanation, if any.</summary>
    public string? Note { get; }
}
