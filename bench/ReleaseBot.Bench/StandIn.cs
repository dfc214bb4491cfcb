using System.Collections.Concurrent;
using System.Globalization;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;

namespace ReleaseBot.Bench;

/// <summary>
/// The Bot Connector on a loopback port, answering as Teams' service does: every activity the bots send
/// (their <c>serviceUrl</c> points here) is read whole, counted and acknowledged with a new id. It can answer
/// a share of the calls with 429 and Retry-After, and keep a log of the calls (the notification mode reads it).
/// </summary>
public sealed class StandIn : IAsyncDisposable
{
    /// <summary>One call: POST (send or reply), PUT (update), CREATE (new conversation); the conversation it went to.</summary>
    public sealed record Call(string Method, string ConversationId, int Status, DateTimeOffset At);

    private readonly WebApplication app;
    private readonly ConcurrentQueue<Call> log = new();
    private long calls, throttled, unexpected, bytes, nextId = 1_000_000, eligible;
    private double throttleShare;

    private StandIn(WebApplication app) => this.app = app;

    public string ServiceUrl { get; private set; } = "";

    /// <summary>Calls answered with 200/201 so far.</summary>
    public long Calls => Interlocked.Read(ref calls);
    public long Throttled => Interlocked.Read(ref throttled);
    /// <summary>Calls to anything but the three operations above (answered 404).</summary>
    public long Unexpected => Interlocked.Read(ref unexpected);
    public long BytesRead => Interlocked.Read(ref bytes);

    /// <summary>Keep every call in <see cref="Log"/> (off by default: the load scenarios need only the counts).</summary>
    public bool Recording { get; set; }

    /// <summary>The share of calls (0 to 1, spread evenly) answered 429 with <see cref="RetryAfterSeconds"/>.</summary>
    public double ThrottleShare
    {
        get => Volatile.Read(ref throttleShare);
        set => Volatile.Write(ref throttleShare, Math.Clamp(value, 0, 1));
    }

    public int RetryAfterSeconds { get; set; } = 1;

    public IReadOnlyList<Call> Log => log.ToArray();

    public void ClearLog() => log.Clear();

    public static async Task<StandIn> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        // The benchmark handles Ctrl+C and SIGTERM itself: the host must not stop the stand-in behind its back.
        builder.Services.AddSingleton<IHostLifetime, NoLifetime>();
        var app = builder.Build();
        var standIn = new StandIn(app);

        app.MapPost("/v3/conversations/{conversationId}/activities/{replyToId?}", async (string conversationId, HttpRequest request) =>
            await standIn.AnswerAsync(request, "POST", conversationId, () => Results.Json(new { id = standIn.NewId() })));
        app.MapPut("/v3/conversations/{conversationId}/activities/{activityId}", async (string conversationId, string activityId, HttpRequest request) =>
            await standIn.AnswerAsync(request, "PUT", conversationId, () => Results.Json(new { id = activityId })));
        app.MapPost("/v3/conversations", async (HttpRequest request) =>
        {
            using var body = System.Text.Json.JsonDocument.Parse(await standIn.DrainAsync(request));
            var rootId = standIn.NewId();
            // A channel post opens a thread in it; anything else is a personal chat with its first member.
            var channel = body.RootElement.TryGetProperty("channelData", out var data) && data.TryGetProperty("channel", out var c) && c.TryGetProperty("id", out var id)
                ? id.GetString() : null;
            var member = body.RootElement.TryGetProperty("members", out var members) && members.GetArrayLength() > 0 ? members[0].GetProperty("id").GetString() : "?";
            var conversationId = channel is not null ? $"{channel};messageid={rootId}" : $"a:personal-{member}";
            return standIn.Answer("CREATE", conversationId, () => Results.Json(new { id = conversationId, activityId = rootId }, statusCode: 201));
        });
        app.MapFallback(async (HttpRequest request) =>
        {
            await request.Body.CopyToAsync(Stream.Null);
            Interlocked.Increment(ref standIn.unexpected);
            return Results.NotFound();
        });

        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        standIn.ServiceUrl = address.TrimEnd('/') + "/";
        return standIn;
    }

    private async Task<IResult> AnswerAsync(HttpRequest request, string method, string conversationId, Func<IResult> ok)
    {
        await DrainAsync(request);
        return Answer(method, conversationId, ok);
    }

    private IResult Answer(string method, string conversationId, Func<IResult> ok)
    {
        var share = ThrottleShare;
        var status = 200;
        if (share > 0)
        {
            // Evenly spread: call n is throttled when floor((n + 1) * share) > floor(n * share).
            var n = Interlocked.Increment(ref eligible) - 1;
            if (Math.Floor((n + 1) * share) > Math.Floor(n * share)) status = 429;
        }
        if (status == 200) Interlocked.Increment(ref calls);
        else Interlocked.Increment(ref throttled);
        if (Recording) log.Enqueue(new Call(method, Uri.UnescapeDataString(conversationId), status, DateTimeOffset.UtcNow));
        return status == 200 ? ok() : new TooManyRequests(RetryAfterSeconds);
    }

    /// <summary>Reads the whole body, as the real service does before it answers.</summary>
    private async Task<ReadOnlyMemory<byte>> DrainAsync(HttpRequest request)
    {
        var buffer = new MemoryStream();
        await request.Body.CopyToAsync(buffer);
        Interlocked.Add(ref bytes, buffer.Length);
        return buffer.GetBuffer().AsMemory(0, (int)buffer.Length);
    }

    private string NewId() => Interlocked.Increment(ref nextId).ToString(CultureInfo.InvariantCulture);

    private sealed class TooManyRequests(int retryAfterSeconds) : IResult
    {
        public Task ExecuteAsync(HttpContext context)
        {
            context.Response.StatusCode = 429;
            context.Response.Headers.RetryAfter = retryAfterSeconds.ToString(CultureInfo.InvariantCulture);
            return Task.CompletedTask;
        }
    }

    public async ValueTask DisposeAsync() => await app.DisposeAsync();

    private sealed class NoLifetime : IHostLifetime
    {
        public Task WaitForStartAsync(CancellationToken cancellationToken) => Task.CompletedTask;
        public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
    }
}
