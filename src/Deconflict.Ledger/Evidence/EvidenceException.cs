namespace Deconflict.Ledger.Evidence;

/// <summary>An evidence bundle failed verification; the message starts with what failed (<c>entry 12</c>,
/// <c>proof of entry 12</c>, <c>checkpoint</c>, <c>arrangement</c>, <c>missing entry 12</c>, a file name).</summary>
/// <threadsafety>Instances are immutable.</threadsafety>
public sealed class EvidenceException : Exception
{
    /// <summary>Creates the exception.</summary>
    public EvidenceException(string what, string message)
        : base($"{what}: {message}") => What = what;

    /// <summary>Creates the exception.</summary>
    public EvidenceException()
        : this("bundle", "invalid")
    {
    }

    /// <summary>Creates the exception.</summary>
    public EvidenceException(string message)
        : this("bundle", message)
    {
    }

    /// <summary>Creates the exception.</summary>
    public EvidenceException(string message, Exception innerException)
        : base(message, innerException) => What = "bundle";

    /// <summary>What failed: <c>entry N</c>, <c>proof of entry N</c>, <c>checkpoint</c>, <c>arrangement</c>, <c>missing entry N</c>, or a file name.</summary>
    public string What { get; }
}
