using System.Collections.Concurrent;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Newtonsoft.Json.Linq;

namespace ReleaseBot.Tests.Http;

/// <summary>
/// A Bot Connector on a loopback port, playing the part of Teams' service: it records every activity the
/// bot sends to a conversation, as the <c>serviceUrl</c> of the test activities points here.
/// </summary>
public sealed class LocalConnector : IAsyncDisposable
{
    private readonly WebApplication app;
    private readonly ConcurrentQueue<(string ConversationId, JObject Activity)> received = new();

    private LocalConnector(WebApplication app) => this.app = app;

    public string ServiceUrl { get; private set; } = "";

    public static async Task<LocalConnector> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        var app = builder.Build();
        var connector = new LocalConnector(app);
        app.MapPost("/v3/conversations/{conversationId}/activities/{replyToId?}", async (string conversationId, HttpRequest request) =>
        {
            using var reader = new StreamReader(request.Body);
            var activity = JObject.Parse(await reader.ReadToEndAsync());
            connector.received.Enqueue((conversationId, activity));
            return Results.Ok(new { id = Guid.NewGuid().ToString("N") });
        });
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        connector.ServiceUrl = address + "/";
        return connector;
    }

    /// <summary>Takes what the bot has sent so far, oldest first.</summary>
    public IReadOnlyList<(string ConversationId, JObject Activity)> Drain()
    {
        var list = new List<(string, JObject)>();
        while (received.TryDequeue(out var item)) list.Add(item);
        return list;
    }

    public async ValueTask DisposeAsync() => await app.DisposeAsync();
}
