namespace Deconflict.Arrangement;

/// <summary>An arrangement that cannot be built: a missing party, an unknown coalition member, a chain not ending at the hotline.</summary>
/// <remarks>The <see cref="Code"/> is stable (<c>arrangement.invalid</c>, <c>arrangement.unsigned</c>…) and the API maps it
/// to a problem <c>type</c>; <see cref="Field"/> is the JSON path of the field at fault.</remarks>
/// <threadsafety>Instances are immutable once thrown.</threadsafety>
public sealed class ArrangementException : Exception
{
    /// <summary>Creates the exception.</summary>
    public ArrangementException(string code, string field, string message)
        : base(message)
    {
        Code = code;
        Field = field;
    }

    /// <summary>Creates an <c>arrangement.invalid</c> exception with no field.</summary>
    public ArrangementException()
        : this("arrangement.invalid", "", "The arrangement is invalid")
    {
    }

    /// <summary>Creates an <c>arrangement.invalid</c> exception with no field.</summary>
    public ArrangementException(string message)
        : this("arrangement.invalid", "", message)
    {
    }

    /// <summary>Creates an <c>arrangement.invalid</c> exception with no field and an inner cause.</summary>
    public ArrangementException(string message, Exception innerException)
        : base(message, innerException)
    {
        Code = "arrangement.invalid";
        Field = "";
    }

    /// <summary>The stable error code, e.g. <c>arrangement.invalid</c>.</summary>
    public string Code { get; }

    /// <summary>The JSON path of the field at fault (e.g. <c>coalitions[0][1]</c>), or empty.</summary>
    public string Field { get; }
}
