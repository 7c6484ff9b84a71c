using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Deconflict.Server.Problems;

/// <summary>Makes every error an RFC 9457 problem: unknown routes, malformed requests and unhandled failures included.</summary>
internal static class ProblemHandling
{
    public static WebApplicationBuilder AddDeconflictProblems(this WebApplicationBuilder builder)
    {
        builder.Services.AddProblemDetails(options => options.CustomizeProblemDetails = context =>
        {
            var status = context.ProblemDetails.Status ?? 500;
            var code = status switch { 404 => "not-found", >= 500 => "internal", _ => "request.malformed" };
            if (context.ProblemDetails.Type is null || !context.ProblemDetails.Type.StartsWith(ProblemCatalog.BaseUri, StringComparison.Ordinal))
            {
                context.ProblemDetails.Type = ProblemCatalog.TypeOf(code);
                context.ProblemDetails.Extensions["code"] = code;
            }
        });
        return builder;
    }

    public static WebApplication UseDeconflictProblems(this WebApplication app)
    {
        app.UseExceptionHandler(new ExceptionHandlerOptions
        {
            StatusCodeSelector = e => e is BadHttpRequestException b ? b.StatusCode : StatusCodes.Status500InternalServerError,
        });
        app.UseStatusCodePages();
        return app;
    }
}
