using System.Globalization;

namespace Deconflict.Benchmarks;

/// <summary>The benches' <c>--name value</c> options.</summary>
internal static class BenchArgs
{
    /// <summary>The value after the first <paramref name="name"/>, or null when it is absent or last.</summary>
    public static string? Text(string[] args, string name) => args.SkipWhile(a => a != name).Skip(1).FirstOrDefault();

    /// <summary>The integer after the first <paramref name="name"/>, or <paramref name="fallback"/>.</summary>
    public static int Int(string[] args, string name, int fallback) =>
        Text(args, name) is { } v ? int.Parse(v, CultureInfo.InvariantCulture) : fallback;
}
