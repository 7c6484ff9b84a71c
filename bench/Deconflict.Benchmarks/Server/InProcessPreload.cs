extern alias server;

using Deconflict.Server.Acts;
using Deconflict.Server.Problems;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace Deconflict.Benchmarks.Server;

/// <summary>
/// Fills a data folder with signed declarations through the server's own write path, in-process and without HTTP: the real
/// server is built (<see cref="WebApplicationFactory{TEntryPoint}"/> on the same data folder and arrangement) and each
/// envelope goes to <see cref="ActPipeline.SubmitAsync"/>, so it is verified, planned, conflict-checked and appended durably
/// with its operator <c>movement.checked</c> entry exactly as a <c>POST /v1/acts</c> would be. Only Kestrel and the JSON
/// of the answer are skipped. The measured server is then started on the folder and replays it.
/// </summary>
internal static class InProcessPreload
{
    /// <summary>Submits every envelope <paramref name="sign"/> makes, <paramref name="concurrency"/> at a time; returns the
    /// passage requests opened.</summary>
    public static async Task<long> RunAsync(string dataDirectory, string arrangementFile, int count, int concurrency, Func<int, byte[]> sign, Func<int, byte[]> resign)
    {
        // The factory looks for the server's content root beside a .sln; the repository has a .slnx, so name it (run from the root).
        Environment.SetEnvironmentVariable("ASPNETCORE_TEST_CONTENTROOT_DECONFLICT_SERVER", Path.GetFullPath("src/Deconflict.Server"));
        await using var factory = new WebApplicationFactory<server::Program>().WithWebHostBuilder(web =>
        {
            web.UseSetting("data", dataDirectory);
            web.UseSetting("arrangement", arrangementFile);
            web.UseSetting("cot-port", "0");
            web.UseSetting("cot-address", "127.0.0.1");
            web.UseSetting("Logging:LogLevel:Default", "Warning");
        });
        var pipeline = factory.Services.GetRequiredService<ActPipeline>();
        long requests = 0;
        var next = -1;
        await Task.WhenAll(Enumerable.Range(0, concurrency).Select(_ => Task.Run(async () =>
        {
            while (Interlocked.Increment(ref next) is var i && i < count)
            {
                var wire = sign(i);
                while (true)
                {
                    try
                    {
                        var receipt = await pipeline.SubmitAsync(wire, CancellationToken.None);
                        Interlocked.Add(ref requests, receipt.Requests.Count);
                        break;
                    }
                    catch (ActException e) when (e.Code == "envelope.replayed-seq")
                    {
                        wire = resign(i); // overtaken by a later seq of the same party: sign again with a new one
                    }
                }
            }
        })));
        return requests;
    }
}
