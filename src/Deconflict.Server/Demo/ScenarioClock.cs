namespace Deconflict.Server.Demo;

/// <summary>The server's clock under <c>--demo</c>: the scenario's time, set by the <see cref="DemoPlayer"/> step by step,
/// until <see cref="Release"/> hands over to the system clock so that the played ledger can be browsed with real-time
/// signed reads.</summary>
/// <remarks>Only <see cref="GetUtcNow"/> follows the scenario; timers run in real time (the player fires due acts itself).</remarks>
/// <threadsafety>Safe from any thread.</threadsafety>
internal sealed class ScenarioClock(DateTimeOffset start) : TimeProvider
{
    private long _ticks = start.UtcTicks;
    private volatile bool _released;

    public override DateTimeOffset GetUtcNow() => _released ? TimeProvider.System.GetUtcNow() : new DateTimeOffset(Interlocked.Read(ref _ticks), TimeSpan.Zero);

    /// <summary>Moves the scenario's time to <paramref name="at"/>; never backwards.</summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="at"/> is before the current scenario time.</exception>
    public void Set(DateTimeOffset at)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(at.UtcTicks, Interlocked.Read(ref _ticks), nameof(at));
        Interlocked.Exchange(ref _ticks, at.UtcTicks);
    }

    /// <summary>From now on, the system clock.</summary>
    public void Release() => _released = true;
}
