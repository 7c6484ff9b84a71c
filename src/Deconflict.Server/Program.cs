var builder = WebApplication.CreateBuilder(args);
var app = builder.Build();

// Liveness for operators and load balancers.
app.MapGet("/healthz", () => TypedResults.Ok("ok"));

app.Run();

/// <summary>The server's entry point, visible to the end-to-end tests.</summary>
public partial class Program;
