using System.Globalization;

namespace Deconflict;

/// <summary>
/// Input that Deconflict cannot use: a malformed movement, a value out of range, a duplicate id. It names the input at
/// fault with a stable <see cref="Code"/> (such as <c>movement.times-not-monotonic</c>), the <see cref="Field"/> path,
/// the <see cref="Line"/> and <see cref="Column"/> when read from text, and the bad <see cref="Value"/>.
/// </summary>
/// <remarks>The API maps each code to an RFC 9457 problem <c>type</c>. Parsers return these inside results rather than
/// throwing them per line; <c>ParseResult{T}.Value</c> throws it when the parse failed.</remarks>
/// <threadsafety>Instances are immutable once thrown or returned.</threadsafety>
public class DeconflictException : Exception
{
    /// <summary>Creates an error with its stable code, the field at fault and the bad value.</summary>
    public DeconflictException(string code, string message, string? field = null, string? value = null, long? line = null, long? column = null)
        : base(Describe(code, message, field, line, column))
    {
        Code = code;
        Detail = message;
        Field = field;
        Value = value;
        Line = line;
        Column = column;
    }

    /// <summary>Creates an error without code (for serializers); prefer the other constructor.</summary>
    public DeconflictException()
        : this("deconflict.error", "Unusable input")
    {
    }

    /// <summary>Creates an error without code (for serializers); prefer the other constructor.</summary>
    public DeconflictException(string message)
        : this("deconflict.error", message)
    {
    }

    /// <summary>Creates an error without code (for serializers); prefer the other constructor.</summary>
    public DeconflictException(string message, Exception innerException)
        : base(message, innerException)
    {
        Code = "deconflict.error";
        Detail = message;
    }

    /// <summary>The stable machine-readable code, <c>area.problem</c> in kebab case.</summary>
    public string Code { get; }

    /// <summary>The human-readable explanation without the location.</summary>
    public string Detail { get; }

    /// <summary>The path of the field at fault, such as <c>properties.times[2]</c>, or <see langword="null"/>.</summary>
    public string? Field { get; }

    /// <summary>The bad value as text, or <see langword="null"/>.</summary>
    public string? Value { get; }

    /// <summary>The 1-based line of the input, or <see langword="null"/> when not read from a file.</summary>
    public long? Line { get; }

    /// <summary>The 1-based column (byte in line) when known, or <see langword="null"/>.</summary>
    public long? Column { get; }

    /// <summary>A copy of this error located at <paramref name="line"/>.</summary>
    public DeconflictException AtLine(long line, long? column = null) => new(Code, Detail, Field, Value, line, column ?? Column);

    private static string Describe(string code, string message, string? field, long? line, long? column)
    {
        var where = line is null ? "" : column is null
            ? string.Create(CultureInfo.InvariantCulture, $" (line {line})")
            : string.Create(CultureInfo.InvariantCulture, $" (line {line}, column {column})");
        return field is null ? $"{code}: {message}{where}" : $"{code}: {field}: {message}{where}";
    }
}
