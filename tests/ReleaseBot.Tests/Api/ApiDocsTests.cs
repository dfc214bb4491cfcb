using System.Net;
using ReleaseBot.Tests.Http;

namespace ReleaseBot.Tests.Api;

/// <summary>The OpenAPI document describes the API, and only the API, with its key scheme and each operation's scope.</summary>
public sealed class ApiDocsTests : IAsyncLifetime
{
    private readonly BotApp bot = new();

    public Task InitializeAsync() => bot.InitializeAsync();
    public Task DisposeAsync() => bot.DisposeAsync();

    [Fact]
    public async Task The_OpenAPI_document_lists_every_endpoint_of_api_v1_with_its_scope()
    {
        var response = await bot.Http.GetAsync("/openapi/v1.json");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var document = await response.JsonAsync();
        var paths = document["paths"]!.AsObject().Select(p => p.Key).ToList();
        Assert.All(paths, p => Assert.StartsWith("/api/v1/", p));
        Assert.Contains("/api/v1/releases", paths);
        Assert.Contains("/api/v1/releases/{key}/notes", paths);
        Assert.Contains("/api/v1/catalog/{kind}/{externalId}", paths);
        Assert.Contains("/api/v1/webhooks/{id}/deliveries", paths);
        Assert.Equal("bearer", (string?)document["components"]!["securitySchemes"]!["ApiKey"]!["scheme"]);
        Assert.Equal("Scope: releases:write (or admin).", (string?)document["paths"]!["/api/v1/releases"]!["post"]!["description"]);
        Assert.NotNull(document["components"]!["schemas"]!["RegisterReleaseBody"]);
        Assert.Equal("Standard", (string?)document["paths"]!["/api/v1/releases"]!["post"]!["requestBody"]!["content"]!["application/json"]!["example"]!["type"]);

        // The example is a registration that works.
        var example = document["paths"]!["/api/v1/releases"]!["post"]!["requestBody"]!["content"]!["application/json"]!["example"]!.ToJsonString();
        var key = await bot.NewKeyAsync("docs-reader", ReleaseBot.Api.ApiScope.ReleasesWrite);
        Assert.Equal(HttpStatusCode.Created, (await bot.SendAsync(HttpMethod.Post, "/api/v1/releases", key, example)).StatusCode);

        var reference = await bot.Http.GetAsync("/api/docs/");
        Assert.Equal(HttpStatusCode.OK, reference.StatusCode);
        Assert.Contains("../../openapi/v1.json", await reference.Content.ReadAsStringAsync());
    }
}
