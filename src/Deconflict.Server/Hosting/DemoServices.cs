using Deconflict.Server.Demo;

namespace Deconflict.Server.Hosting;

/// <summary><c>--demo</c> (with <c>--demo-scenario FILE</c>, default the built-in al-Malikiyah 2020 scenario): the scenario
/// clock as the server's <see cref="TimeProvider"/>, and the service that plays the scenario through the API at startup.</summary>
internal static class DemoServices
{
    /// <summary>Registers the demo when <c>--demo</c> is set; call before <see cref="DeconflictServices.AddDeconflictOptions"/>,
    /// whose system clock is registered only if no clock is.</summary>
    public static WebApplicationBuilder AddDeconflictDemo(this WebApplicationBuilder builder)
    {
        if (!bool.TryParse(builder.Configuration["demo"], out var demo) || !demo)
        {
            return builder;
        }

        var scenario = DemoScenario.Load(builder.Configuration["demo-scenario"]);
        var clock = new ScenarioClock(scenario.FirstStep.AddHours(-1));
        builder.Services.AddSingleton(scenario);
        builder.Services.AddSingleton(clock);
        builder.Services.AddSingleton<TimeProvider>(clock);
        builder.Services.AddSingleton<DemoPlayer>();
        builder.Services.AddSingleton<DemoService>();
        builder.Services.AddHostedService(sp => sp.GetRequiredService<DemoService>());
        return builder;
    }
}
