using System.Globalization;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Deconflict.WebConsole.Tests;

/// <summary>The duty officer's journey (JOURNEYS.md, steps 1–4) in two browsers of two parties outside one coalition,
/// against the real server: load the key, see the map, draw a route, preview the conflict and the suggestion, declare,
/// the other side sees the request arrive live, counter-proposes, the first accepts, the movement is cleared.</summary>
public sealed class JourneyTests
{
    [Fact]
    public async Task Console_DeclareCounterProposeAccept_BothPartiesSeeEachStepLiveAndTheMovementClears()
    {
        await using var server = ConsoleServer.Start();
        var now = DateTimeOffset.UtcNow;
        var departure = new DateTimeOffset(now.Year, now.Month, now.Day, now.Hour, now.Minute, 0, TimeSpan.Zero).AddHours(3);
        // ru's patrol runs south to north through the junction at 42.13 E, 37.17 N, there 4 minutes after the convoy leaves.
        await server.ActAsync("ru", "movement.declare", new { feature = Route("ru-patrol-7", "ru", [42.13, 37.14], [42.13, 37.20], departure.AddMinutes(-6), departure.AddMinutes(14)) });

        await using var browser = await Browser.LaunchAsync();
        var requested = new List<Uri>();
        var errors = new List<string>();
        var ru = await browser.OpenConsoleAsync(server, "ru", requested, errors);

        // 1. ru sees its own patrol, as a corridor on the map and in its list.
        await Expect(ru.Locator("#movements li[data-id='ru-patrol-7']")).ToBeVisibleAsync();
        await Expect(ru.Locator("#map path.leaflet-interactive").First).ToBeVisibleAsync();

        // 2. us draws its convoy west to east across the junction: the map opens centred on it at zoom 11 (about 75 m a pixel).
        var us = await browser.OpenConsoleAsync(server, "us", requested, errors);
        await us.ClickAsync("#draw");
        var map = (await us.Locator("#map").BoundingBoxAsync())!;
        await us.Mouse.ClickAsync(map.X + (map.Width / 2) - 40, map.Y + (map.Height / 2));
        await us.Mouse.ClickAsync(map.X + (map.Width / 2) + 40, map.Y + (map.Height / 2));
        await us.ClickAsync("#draw");
        await us.FillAsync("input[name=id]", "us-convoy-1");
        await us.FillAsync("input[name=departure]", departure.ToString("yyyy-MM-dd'T'HH:mm", CultureInfo.InvariantCulture));
        await us.ClickAsync("#preview");
        await Expect(us.Locator("#preview-result")).ToContainTextAsync("Meets ru between");
        await Expect(us.Locator("#preview-result")).ToContainTextAsync("min later");
        await us.ClickAsync("#submit");
        var usRequest = us.Locator("#requests li").First;
        await Expect(usRequest).ToContainTextAsync("To ru");
        await Expect(usRequest.Locator(".state")).ToHaveTextAsync("requested");

        // 3. The request arrives in ru's inbox through its stream, with the conflict; ru counter-proposes a later window.
        var ruRequest = ru.Locator("#requests li").First;
        await Expect(ruRequest).ToContainTextAsync("From us");
        await Expect(ruRequest.Locator(".conflict").First).ToBeVisibleAsync();
        await ruRequest.Locator("input[name=counter-start]").FillAsync(departure.AddHours(1).ToString("yyyy-MM-dd'T'HH:mm", CultureInfo.InvariantCulture));
        await ruRequest.Locator("input[name=counter-end]").FillAsync(departure.AddHours(1).AddMinutes(20).ToString("yyyy-MM-dd'T'HH:mm", CultureInfo.InvariantCulture));
        await ruRequest.Locator("input[name=counter-note]").FillAsync("after our patrol");
        await ruRequest.GetByRole(AriaRole.Button, new() { Name = "Counter-propose" }).ClickAsync();

        // 4. us sees the counter-proposal live, accepts it; its convoy is cleared and ru sees the acceptance.
        await Expect(usRequest.Locator(".state")).ToHaveTextAsync("counter-proposed");
        await Expect(usRequest).ToContainTextAsync("after our patrol");
        await usRequest.GetByRole(AriaRole.Button, new() { Name = "Accept counter" }).ClickAsync();
        await Expect(us.Locator("#movements li[data-id='us-convoy-1'] .state")).ToHaveTextAsync("cleared");
        await Expect(ruRequest.Locator(".state")).ToHaveTextAsync("counter-accepted");

        await Browser.ScreenshotAsync(us, "journey-us");
        await Browser.ScreenshotAsync(ru, "journey-ru");
        Assert.Empty(errors);
        Assert.NotEmpty(requested);
        Assert.All(requested, u => Assert.True(u.Scheme == "data" || u.Authority == server.BaseAddress.Authority, $"the page asked {u} for something"));
    }

    private static object Route(string id, string party, double[] from, double[] to, DateTimeOffset start, DateTimeOffset end) => new
    {
        type = "Feature",
        id,
        geometry = new { type = "LineString", coordinates = new[] { from, to } },
        properties = new
        {
            party,
            kind = "ground",
            times = new[] { Iso(start), Iso(end) },
            halfWidthM = 50,
            toleranceS = 0,
            units = new[] { party + "-unit-1" },
        },
    };

    private static string Iso(DateTimeOffset t) => t.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);
}
