using System.Globalization;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Deconflict.WebConsole.Tests;

/// <summary>The duty officer's journey, step 5: an alert between two parties' units shows in both consoles at once, on the
/// map and in the list, and the call made from it is recorded and shown to both.</summary>
public sealed class AlertTests
{
    [Fact]
    public async Task Console_ProximityAlert_BothSeeItAndTheHotlineCallFromItIsRecordedForBoth()
    {
        await using var server = ConsoleServer.Start();
        await server.ActAsync("us", "unit.register", new { units = new[] { new { id = "us-mrap-1", cotUid = "ANDROID-us-1", kind = "ground" } } });
        await server.ActAsync("ru", "unit.register", new { units = new[] { new { id = "ru-btr-4", cotUid = "ANDROID-ru-4", kind = "ground" } } });
        await using var browser = await Browser.LaunchAsync();
        var requested = new List<Uri>();
        var errors = new List<string>();
        var us = await browser.OpenConsoleAsync(server, "us", requested, errors);
        var ru = await browser.OpenConsoleAsync(server, "ru", requested, errors);

        // About 270 m apart: within the arrangement's 300 m proximity for ground units.
        var now = DateTimeOffset.UtcNow;
        await server.ActAsync("ru", "track.batch", Report("ru-btr-4", 42.1000, now));
        await server.ActAsync("us", "track.batch", Report("us-mrap-1", 42.1030, now.AddSeconds(1)));

        foreach (var page in new[] { us, ru })
        {
            await Expect(page.Locator("#alert-list li.alert")).ToContainTextAsync("proximity");
        }

        // Each side sees its own unit, and the other side's unit the alert disclosed, by its symbol.
        await Expect(us.Locator("#map img[title='us-mrap-1']")).ToBeVisibleAsync();
        await Expect(us.Locator("#map img[title='ru-btr-4']")).ToBeVisibleAsync();
        await Expect(ru.Locator("#map img[title='us-mrap-1']")).ToBeVisibleAsync();

        await us.Locator("#alert-list li.alert input[name=summary]").FillAsync("ru will hold the BTR at the junction");
        await us.Locator("#alert-list li.alert").GetByRole(AriaRole.Button, new() { Name = "Record hotline call" }).ClickAsync();
        foreach (var page in new[] { us, ru })
        {
            await Expect(page.Locator("#alert-list li.call")).ToContainTextAsync("us called ru");
            await Expect(page.Locator("#alert-list li.call")).ToContainTextAsync("ru will hold the BTR at the junction");
        }

        await Browser.ScreenshotAsync(us, "alert-us");
        Assert.Empty(errors);
        Assert.All(requested, u => Assert.True(u.Scheme == "data" || u.Authority == server.BaseAddress.Authority, $"the page asked {u} for something"));
    }

    private static object Report(string unit, double lon, DateTimeOffset time) =>
        new { reports = new[] { new { unit, time = time.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture), lon, lat = 37.17, altM = 0 } } };
}
