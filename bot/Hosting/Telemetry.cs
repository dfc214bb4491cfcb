using OpenTelemetry;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;
using ReleaseBot.Diagnostics;

namespace ReleaseBot.Hosting;

/// <summary>
/// OpenTelemetry traces and metrics (ASP.NET Core, HttpClient, EF Core, the runtime and the bot's own), exported by
/// OTLP when an endpoint is configured: <c>OTEL_EXPORTER_OTLP_ENDPOINT</c> (the standard variable) or
/// <c>Telemetry:OtlpEndpoint</c>. Without one nothing is collected, so nothing is paid for.
/// </summary>
public static class Telemetry
{
    public static IServiceCollection AddReleaseBotTelemetry(this IServiceCollection services, IConfiguration configuration)
    {
        var endpoint = configuration["Telemetry:OtlpEndpoint"] is { Length: > 0 } configured ? configured : configuration["OTEL_EXPORTER_OTLP_ENDPOINT"];
        if (string.IsNullOrWhiteSpace(endpoint)) return services;
        services.AddOpenTelemetry()
            .ConfigureResource(resource => resource.AddService(ReleaseBotTelemetry.Name))
            .WithTracing(tracing => tracing
                .AddSource(ReleaseBotTelemetry.Name)
                .AddAspNetCoreInstrumentation()
                .AddHttpClientInstrumentation()
                .AddEntityFrameworkCoreInstrumentation())
            .WithMetrics(metrics => metrics
                .AddMeter(ReleaseBotTelemetry.Name)
                .AddAspNetCoreInstrumentation()
                .AddHttpClientInstrumentation()
                .AddRuntimeInstrumentation())
            .UseOtlpExporter(OpenTelemetry.Exporter.OtlpExportProtocol.Grpc, new Uri(endpoint));
        return services;
    }
}
