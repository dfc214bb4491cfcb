using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using ReleaseBot.Api;
using ReleaseBot.Tests.Http;

namespace ReleaseBot.Tests.Api;

/// <summary>Calls the app's HTTP API with a key of its own, created as <c>apikey create</c> creates keys.</summary>
public static class ApiCaller
{
    public static async Task<string> NewKeyAsync(this BotApp bot, string name, params string[] scopes)
    {
        await using var scope = bot.Services.CreateAsyncScope();
        var (created, error) = await scope.ServiceProvider.GetRequiredService<ApiKeys>().CreateAsync(name, scopes);
        return created?.Secret ?? throw new InvalidOperationException(error);
    }

    public static async Task<HttpResponseMessage> SendAsync(this BotApp bot, HttpMethod method, string path, string? key, object? body = null,
        IReadOnlyDictionary<string, string>? headers = null)
    {
        using var request = new HttpRequestMessage(method, path);
        if (key is not null) request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", key);
        if (body is not null) request.Content = body is string text ? new StringContent(text, System.Text.Encoding.UTF8, "application/json") : JsonContent.Create(body);
        foreach (var (name, value) in headers ?? new Dictionary<string, string>()) request.Headers.Add(name, value);
        return await bot.Http.SendAsync(request);
    }

    public static async Task<JsonNode> JsonAsync(this HttpResponseMessage response) =>
        JsonNode.Parse(await response.Content.ReadAsStringAsync()) ?? throw new InvalidOperationException("Empty body.");

    /// <summary>A valid registration body; change what a test needs.</summary>
    public static JsonObject Registration(string title = "Checkout service 4.2.0") => new()
    {
        ["title"] = title,
        ["description"] = "Moves the checkout to the new payment gateway.",
        ["type"] = "Standard",
        ["version"] = "4.2.0",
        ["risk"] = "Medium",
        ["impact"] = "High",
        ["urgency"] = "Low",
        ["priority"] = 2,
        ["plannedStart"] = "2026-12-03T22:00:00-03:00",
        ["plannedEnd"] = "2026-12-04T02:00:00-03:00",
        ["requester"] = new JsonObject { ["name"] = "Adele Vance", ["aadObjectId"] = "00000000-0000-0000-0000-0000000000022" },
        ["executorGroup"] = "Release Engineers",
        ["externalId"] = "CHG0012345",
    };
}
