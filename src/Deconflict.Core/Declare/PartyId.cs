using System.Diagnostics.Contracts;
using Deconflict.Internal;

namespace Deconflict.Declare;

/// <summary>The name of a party (a force or organisation with its own Ed25519 key), such as <c>us</c> or <c>ru-mp</c>.</summary>
/// <remarks>
/// <para>A party name is 1–64 characters of ASCII letters, digits, <c>-</c>, <c>_</c> and <c>.</c>; it is the
/// key name of the party's C2SP verifier key. Equality is ordinal and case-sensitive. The default value is not a
/// valid party and is only meant as an uninitialised marker.</para>
/// </remarks>
/// <threadsafety>This type is an immutable value type. See the thread safety section of the user guide for more information.</threadsafety>
public readonly struct PartyId : IEquatable<PartyId>
{
    private readonly string? _name;

    private PartyId(string name) => _name = name;

    /// <summary>The party's name.</summary>
    public string Name => _name ?? "";

    /// <summary>Creates a party id from its name.</summary>
    /// <exception cref="ArgumentException"><paramref name="name"/> is empty, longer than 64 characters, or holds a character outside [A-Za-z0-9._-].</exception>
    [Pure]
    public static PartyId From(string name)
    {
        Guard.NotEmpty(name);
        if (name.Length > 64 || !name.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.'))
        {
            throw new ArgumentException($"A party name should be 1-64 characters of [A-Za-z0-9._-]; got '{name}'", nameof(name));
        }

        return new PartyId(name);
    }

    /// <inheritdoc />
    public bool Equals(PartyId other) => string.Equals(_name, other._name, StringComparison.Ordinal);

    /// <inheritdoc />
    public override bool Equals(object? obj) => obj is PartyId other && Equals(other);

    /// <inheritdoc />
    public override int GetHashCode() => _name is null ? 0 : StringComparer.Ordinal.GetHashCode(_name);

    /// <summary>Compares two party ids ordinally.</summary>
    public static bool operator ==(PartyId left, PartyId right) => left.Equals(right);

    /// <summary>Compares two party ids ordinally.</summary>
    public static bool operator !=(PartyId left, PartyId right) => !left.Equals(right);

    /// <summary>Returns the party's name.</summary>
    public override string ToString() => Name;
}
