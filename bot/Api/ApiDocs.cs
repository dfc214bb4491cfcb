using Microsoft.OpenApi;
using Scalar.AspNetCore;

namespace ReleaseBot.Api;

/// <summary>The API's OpenAPI document at <c>/openapi/v1.json</c>, and an interactive reference (Scalar) at <c>/api/docs</c>.</summary>
public static class ApiDocs
{
    public const string DocumentPath = "/openapi/{documentName}.json";
    public const string ReferencePath = "/api/docs";

    /// <summary>An example request body of an endpoint, shown in the OpenAPI document (see <see cref="WithExample"/>).</summary>
    public sealed record Example(string Json);

    public static RouteHandlerBuilder WithExample(this RouteHandlerBuilder endpoint, string json) => endpoint.WithMetadata(new Example(json));

    public static IServiceCollection AddApiDocs(this IServiceCollection services) => services.AddOpenApi("v1", options =>
    {
        options.AddOperationTransformer((operation, context, _) =>
        {
            if (context.Description.ActionDescriptor.EndpointMetadata.OfType<Example>().FirstOrDefault() is { } example
                && operation.RequestBody?.Content?.TryGetValue("application/json", out var body) == true)
                body.Example = System.Text.Json.Nodes.JsonNode.Parse(example.Json);
            return Task.CompletedTask;
        });
        options.ShouldInclude = description => description.RelativePath?.StartsWith(ApiSetup.Prefix.TrimStart('/'), StringComparison.Ordinal) == true;
        options.AddDocumentTransformer((document, _, _) =>
        {
            document.Info = new OpenApiInfo
            {
                Title = "ReleaseBot API",
                Version = "v1",
                Description = "Register releases, read their status and log, add notes, and feed the desk (catalogs, groups, solution categories). "
                    + "Authenticate with the header 'Authorization: Bearer' followed by your API key; each operation names the scope it needs. Errors are RFC 9457 problems.",
            };
            document.Components ??= new OpenApiComponents();
            document.Components.SecuritySchemes = new Dictionary<string, IOpenApiSecurityScheme>
            {
                ["ApiKey"] = new OpenApiSecurityScheme
                {
                    Type = SecuritySchemeType.Http,
                    Scheme = "bearer",
                    Description = "An API key from 'apikey create' (rbk_…), or an Entra ID token when that is configured.",
                },
            };
            document.Security = [new OpenApiSecurityRequirement { [new OpenApiSecuritySchemeReference("ApiKey", document)] = [] }];
            return Task.CompletedTask;
        });
    });

    public static void MapApiDocs(this WebApplication app)
    {
        app.MapOpenApi(DocumentPath);
        // The reference page lives at /api/docs/; its document is two levels up, at /openapi/v1.json.
        app.MapScalarApiReference(ReferencePath, options => options.WithTitle("ReleaseBot API").WithOpenApiRoutePattern("../.." + DocumentPath));
    }
}
