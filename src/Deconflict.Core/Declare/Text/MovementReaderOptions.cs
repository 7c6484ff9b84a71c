namespace Deconflict.Declare.Text;

/// <summary>How <see cref="MovementReader"/> reads a movement file.</summary>
/// <threadsafety>This type is immutable and safe to share between threads.</threadsafety>
public sealed record MovementReaderOptions
{
    /// <summary>The default options: 1 MiB per feature, lenient.</summary>
    public static MovementReaderOptions Default { get; } = new();

    /// <summary>The largest feature accepted, in UTF-8 bytes of its line (default 1 MiB); bigger lines fail with
    /// <c>feature.too-large</c> before any parsing, which also bounds the O(n²) self-intersection check of zones.</summary>
    public int MaxFeatureBytes { get; init; } = 1 << 20;

    /// <summary>When set, reading stops by throwing the first error instead of returning it and going on.</summary>
    public bool Strict { get; init; }
}
