using System.Collections.Concurrent;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace ReleaseBot.Tests.Api;

/// <summary>A pipeline's webhook endpoint on a loopback port: it records every POST (raw body and headers) and answers as told.</summary>
public sealed class WebhookReceiver : IAsyncDisposable
{
    public sealed record Received(string Body, IReadOnlyDictionary<string, string> Headers, int AnsweredWith);

    private readonly WebApplication app;
    private readonly ConcurrentQueue<Received> received = new();
    private readonly ConcurrentQueue<int> answers = new();

    private WebhookReceiver(WebApplication app) => this.app = app;

    public string Url { get; private set; } = "";
    public IReadOnlyList<Received> All => received.ToList();

    /// <summary>The next POSTs are answered with these statuses, in order; then 200.</summary>
    public void AnswerNext(params int[] statuses)
    {
        foreach (var status in statuses) answers.Enqueue(status);
    }

    public static async Task<WebhookReceiver> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        var app = builder.Build();
        var receiver = new WebhookReceiver(app);
        app.MapPost("/hook", async (HttpContext context) =>
        {
            var body = await new StreamReader(context.Request.Body).ReadToEndAsync();
            var status = receiver.answers.TryDequeue(out var next) ? next : 200;
            receiver.received.Enqueue(new Received(body, context.Request.Headers.ToDictionary(h => h.Key, h => h.Value.ToString(), StringComparer.OrdinalIgnoreCase), status));
            if (status == 429) context.Response.Headers.RetryAfter = "1";
            if (status is >= 300 and < 400) context.Response.Headers.Location = "http://127.0.0.1:9/elsewhere";
            return Results.StatusCode(status);
        });
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        receiver.Url = address.TrimEnd('/') + "/hook";
        return receiver;
    }

    public async Task<IReadOnlyList<Received>> WaitForAsync(Func<IReadOnlyList<Received>, bool> done, int seconds = 20)
    {
        var until = DateTime.UtcNow.AddSeconds(seconds);
        while (DateTime.UtcNow < until)
        {
            if (done(All)) return All;
            await Task.Delay(50);
        }
        throw new TimeoutException($"The webhook received {All.Count} request(s), not what the test waited for.");
    }

    public async ValueTask DisposeAsync() => await app.DisposeAsync();
}
