namespace Deconflict.Ledger.Tests.Support;

/// <summary>Finds the shared published test vectors (<c>../shared/vectors</c> beside the repository, or <c>$DECONFLICT_VECTORS</c>).</summary>
internal static class Vectors
{
    private static readonly Lazy<string> Root = new(FindRoot);

    /// <summary>The absolute path of <paramref name="relative"/> under the vectors folder.</summary>
    public static string PathOf(string relative) => System.IO.Path.Combine(Root.Value, relative);

    private static string FindRoot()
    {
        var fromEnvironment = Environment.GetEnvironmentVariable("DECONFLICT_VECTORS");
        if (!string.IsNullOrEmpty(fromEnvironment))
        {
            return fromEnvironment;
        }

        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(System.IO.Path.Combine(dir.FullName, "Deconflict.slnx")))
            {
                var candidate = System.IO.Path.GetFullPath(System.IO.Path.Combine(dir.FullName, "..", "shared", "vectors"));
                if (Directory.Exists(candidate))
                {
                    return candidate;
                }
            }
        }

        throw new InvalidOperationException(
            "The shared test vectors were not found: expected ../shared/vectors beside the repository, or set DECONFLICT_VECTORS.");
    }
}
