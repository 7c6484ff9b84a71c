using System.Globalization;

namespace Deconflict.Ledger;

/// <summary>
/// A ledger operation refused its input or could not complete. <see cref="Code"/> is a stable identifier from
/// <see cref="LedgerErrorCodes"/> that callers switch on; the message starts with it and says what was at fault.
/// </summary>
/// <remarks>
/// <para>Three tiers share this type: malformed input (<c>json.*</c>, <c>envelope.malformed</c>, <c>note.malformed</c>…),
/// a refused act (<c>envelope.unknown-party</c>, <c>envelope.replayed-seq</c>…), and transient storage failures, which
/// set <see cref="IsTransient"/> so the caller may retry. Caller misuse (a null argument, an out-of-range value passed
/// to a constructor) throws the ordinary <see cref="ArgumentException"/> family instead.</para>
/// <para><see cref="Party"/> and <see cref="Seq"/> are also copied into <see cref="Exception.Data"/> so that loggers
/// which only know <see cref="Exception"/> still record them.</para>
/// </remarks>
/// <threadsafety>Instances are immutable once thrown and may be shared between threads.</threadsafety>
public sealed class LedgerException : Exception
{
    /// <summary>Creates an exception with a stable code and a message saying what was at fault.</summary>
    /// <param name="code">One of the <see cref="LedgerErrorCodes"/> constants.</param>
    /// <param name="detail">What was at fault; the final message is <c>code: detail</c>.</param>
    /// <param name="party">The party of the envelope at fault, if known.</param>
    /// <param name="seq">The sequence number of the envelope at fault, if known.</param>
    /// <param name="isTransient">Whether retrying the same operation may succeed.</param>
    /// <param name="innerException">The underlying failure, if any.</param>
    public LedgerException(
        string code,
        string detail,
        string? party = null,
        long? seq = null,
        bool isTransient = false,
        Exception? innerException = null)
        : base($"{code}: {detail}", innerException)
    {
        ArgumentException.ThrowIfNullOrEmpty(code);
        Code = code;
        Party = party;
        Seq = seq;
        IsTransient = isTransient;
        Data["Code"] = code;
        if (party is not null)
        {
            Data["Party"] = party;
        }

        if (seq is not null)
        {
            Data["Seq"] = seq.Value.ToString(CultureInfo.InvariantCulture);
        }
    }

    /// <summary>The stable error code, one of the <see cref="LedgerErrorCodes"/> constants.</summary>
    public string Code { get; }

    /// <summary>Whether retrying the same operation may succeed (storage hiccups); false for refused input.</summary>
    public bool IsTransient { get; }

    /// <summary>The party of the envelope at fault, or null when not known or not relevant.</summary>
    public string? Party { get; }

    /// <summary>The sequence number of the envelope at fault, or null when not known or not relevant.</summary>
    public long? Seq { get; }
}
