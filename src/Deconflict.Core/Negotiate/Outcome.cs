using System.Diagnostics.CodeAnalysis;

namespace Deconflict.Negotiate;

/// <summary>The result of applying an act: the new value, or the <see cref="DomainError"/> that refused it.</summary>
/// <typeparam name="T">The type of the new value.</typeparam>
/// <threadsafety>This type is an immutable value type. See the thread safety section of the user guide for more information.</threadsafety>
public readonly struct Outcome<T>
    where T : class
{
    private Outcome(T? value, DomainError error)
    {
        Value = value;
        Error = error;
    }

    /// <summary>The new value when the act was applied; <see langword="null"/> when refused.</summary>
    public T? Value { get; }

    /// <summary>The refusal; meaningless when <see cref="IsOk"/>.</summary>
    public DomainError Error { get; }

    /// <summary>Whether the act was applied.</summary>
    [MemberNotNullWhen(true, nameof(Value))]
    public bool IsOk => Value is not null;

    /// <summary>An applied act.</summary>
    public static Outcome<T> Ok(T value) => new(value ?? throw new ArgumentNullException(nameof(value)), default);

    /// <summary>A refused act.</summary>
    public static Outcome<T> Refuse(string code, string detail) => new(null, new DomainError(code, detail));

    /// <summary>The value, or throws <see cref="InvalidOperationException"/> naming the error.</summary>
    /// <exception cref="InvalidOperationException">The act was refused.</exception>
    public T Unwrap() => Value ?? throw new InvalidOperationException(Error.ToString());
}
