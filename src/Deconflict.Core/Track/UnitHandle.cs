namespace Deconflict.Track;

/// <summary>A registered unit of one <see cref="Tracker"/>, for the allocation-free <see cref="Tracker.Report"/> path.</summary>
/// <remarks>
/// <para>Obtained from <see cref="Tracker.Register"/> or <see cref="Tracker.TryGetHandle"/>, and meaningful only to the
/// tracker that issued it. Equality compares the slot. The default value is the first unit registered.</para>
/// </remarks>
/// <threadsafety>This type is an immutable value type.</threadsafety>
public readonly record struct UnitHandle
{
    internal UnitHandle(int index) => Index = index;

    internal int Index { get; }
}
