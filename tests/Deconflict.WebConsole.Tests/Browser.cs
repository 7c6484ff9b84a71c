using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

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
        // The suite runs test projects side by side on a small machine: give the page time rather than flake.
        SetDefaultExpectTimeout(15_000);
        var playwright = await Playwright.CreateAsync();
        var browser = await playwright.Chromium.LaunchAsync(new() { ExecutablePath = executable, Headless = true, Args = ["--no-sandbox"] });
        return new Browser(playwright, browser);
    }

    /// <summary>Opens the console in a new context (a separate browser profile) and loads <paramref name="party"/>'s key file;
    /// records every URL the page asks for and every page error or console error.</summary>
    public async Task<IPage> OpenConsoleAsync(ConsoleServer server, string party, List<Uri> requested, List<string> errors)
    {
        var context = await Chromium.NewContextAsync(new() { ViewportSize = new() { Width = 1280, Height = 800 } });
        context.SetDefaultTimeout(15_000);
        var page = await context.NewPageAsync();
        page.Request += (_, r) => { lock (requested) { requested.Add(new Uri(r.Url)); } };
        page.PageError += (_, e) => { lock (errors) { errors.Add($"{party}: {e}"); } };
        page.Console += (_, m) =>
        {
            if (m.Type == "error")
            {
                lock (errors)
                {
                    errors.Add($"{party}: {m.Text}");
                }
            }
        };
        await page.GotoAsync(new Uri(server.BaseAddress, "/console/").ToString());
        await page.SetInputFilesAsync("#key-file", server.KeyFile(party));
        try
        {
            await Expect(page.Locator("#who")).ToContainTextAsync(party + " ", new() { Timeout = 15_000 });
        }
        catch (PlaywrightException e)
        {
            throw new InvalidOperationException($"{party}'s console did not load its key; page errors: {string.Join(" | ", errors)}", e);
        }
        return page;
    }

    /// <summary>Saves a screenshot of <paramref name="page"/> as NAME.png in the folder DECONFLICT_SCREENSHOTS names, if
    /// set, for a person to look at what the console shows.</summary>
    public static async Task ScreenshotAsync(IPage page, string name)
    {
        if (Environment.GetEnvironmentVariable("DECONFLICT_SCREENSHOTS") is { Length: > 0 } folder)
        {
            await page.ScreenshotAsync(new() { Path = Path.Combine(folder, name + ".png") });
        }
    }

    public async ValueTask DisposeAsync()
    {
        await Chromium.DisposeAsync();
        _playwright.Dispose();
    }
}
