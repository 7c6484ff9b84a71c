using System.Text;

namespace Deconflict.Ledger.Keys;

/// <summary>The C2SP signed-note rules for key names.</summary>
internal static class KeyName
{
    /// <summary>Longest name accepted, in UTF-16 code units; names are identifiers, not prose.</summary>
    public const int MaxLength = 256;

    /// <summary>Whether <paramref name="name"/> is non-empty, holds no '+', no Unicode space and no control
    /// character (signed-note §Format), is well-formed UTF-16 (EnumerateRunes turns a lone surrogate into
    /// U+FFFD, refused with it), and is at most <see cref="MaxLength"/> characters.</summary>
    public static bool IsValid(string? name)
    {
        if (string.IsNullOrEmpty(name) || name.Length > MaxLength)
        {
            return false;
        }

        foreach (var rune in name.EnumerateRunes())
        {
            if (rune.Value == '+' || Rune.IsWhiteSpace(rune) || Rune.IsControl(rune) || rune == Rune.ReplacementChar)
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>Throws <see cref="ArgumentException"/> naming <paramref name="paramName"/> unless the name is valid.</summary>
    public static string Check(string name, string paramName) =>
        IsValid(name)
            ? name
            : throw new ArgumentException($"A key name should be 1-{MaxLength} characters without '+', spaces or control characters; got '{name}'", paramName);
}
