namespace Deconflict.Declare.Text;

/// <summary>The outcome of parsing one input: a value, or the <see cref="DeconflictException"/> that says why not.</summary>
/// <typeparam name="T">The parsed type.</typeparam>
/// <threadsafety>This type is immutable and safe to share between threads.</threadsafety>
public sealed class ParseResult<T>
    where T : class
{
    private readonly T? _value;

    private ParseResult(T? value, DeconflictException? error, long line)
    {
        _value = value;
        Error = error;
        Line = line;
    }

    /// <summary>Whether parsing succeeded.</summary>
    public bool Success => Error is null;

    /// <summary>The 1-based line the input came from (0 when not read from a file).</summary>
    public long Line { get; }

    /// <summary>Why parsing failed, or <see langword="null"/> on success.</summary>
    public DeconflictException? Error { get; }

    /// <summary>The parsed value.</summary>
    /// <exception cref="DeconflictException">Parsing failed; this is <see cref="Error"/>.</exception>
    public T Value => _value ?? throw Error!;

    /// <summary>A successful result.</summary>
    public static ParseResult<T> ForValue(T value, long line = 0) => new(value ?? throw new ArgumentNullException(nameof(value)), null, line);

    /// <summary>A failed result.</summary>
    public static ParseResult<T> ForError(DeconflictException error, long line = 0) => new(null, error ?? throw new ArgumentNullException(nameof(error)), line);
}
