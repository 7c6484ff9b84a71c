using Microsoft.Playwright;

namespace Deconflict.WebConsole.Tests;

/// <summary>Playwright driving Debian's Chromium (DECONFLICT_CHROMIUM or /usr/bin/chromium), headless: Playwright's own
/// browser download is not used, the machine's browser is.</summary>
internal sealed class Browser : IAsyncDisposable
{
    private readonly IPlaywright _playwright;

    private Browser(IPlaywright playwright, IBrowser browser)
    {
        _playwright = playwright;
        Chromium = browser;
    }

    public IBrowser Chromium { get; }

    public static async Task<Browser> LaunchAsync()
    {
        var executable = Environment.GetEnvironmentVariable("DECONFLICT_CHROMIUM") is { Length: > 0 } e ? e : "/usr/bin/chromium";
        Assert.True(File.Exists(executable), $"Chromium is not installed at {executable}: install Debian's chromium (scripts/deps.sh) or set DECONFLICT_CHROMIUM");
        var playwright = await Playwright.CreateAsync();
        var browser = await playwright.Chromium.LaunchAsync(new() { ExecutablePath = executable, Headless = true, Args = ["--no-sandbox"] });
        return new Browser(playwright, browser);
    }

    public async ValueTask DisposeAsync()
    {
        await Chromium.DisposeAsync();
        _playwright.Dispose();
    }
}
