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
    /// <summary>One call the bot made: what it did, to which conversation (and activity), with which activity.</summary>
    public sealed record Call(string Method, string ConversationId, string? ActivityId, JObject Body, DateTimeOffset At)
    {
        /// <summary>The body as it came, and the length its request declared.</summary>
        public string Raw { get; init; } = "";
        public long? DeclaredLength { get; init; }
    }

    private readonly WebApplication app;
    private readonly ConcurrentQueue<(string ConversationId, JObject Activity)> received = new();
    private readonly ConcurrentQueue<Call> calls = new();
    private readonly List<(string? Method, int Status, string? RetryAfter)> failures = [];
    private int nextId = 1000;

    private LocalConnector(WebApplication app) => this.app = app;

    public string ServiceUrl { get; private set; } = "";

    /// <summary>Every call answered successfully so far, oldest first (a call answered with a failure is not kept).</summary>
    public IReadOnlyList<Call> Calls => calls.ToList();

    /// <summary>The next calls (of one method: POST, PUT or CREATE, when given) are answered with this failure, e.g. 429 with Retry-After.</summary>
    public void FailNext(int status, int times = 1, string? retryAfter = null, string? method = null)
    {
        lock (failures)
            for (var i = 0; i < times; i++) failures.Add((method, status, retryAfter));
    }

    /// <summary>Failures not answered yet are dropped: the connector is well again.</summary>
    public void Recover()
    {
        lock (failures) failures.Clear();
    }

    /// <summary>
    /// Teams opens a personal chat with a person's Entra object id only where the app is installed for them; a
    /// Teams user id ("29:…") always works. Installs the app for that object id.
    /// </summary>
    public void InstallFor(string aadObjectId)
    {
        lock (installedFor) installedFor.Add(aadObjectId);
    }

    private readonly HashSet<string> installedFor = [];

    public static async Task<LocalConnector> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        var app = builder.Build();
        var connector = new LocalConnector(app);
        app.MapPost("/v3/conversations/{conversationId}/activities/{replyToId?}", async (string conversationId, string? replyToId, HttpRequest request) =>
        {
            using var reader = new StreamReader(request.Body);
            var raw = await reader.ReadToEndAsync();
            var activity = JObject.Parse(raw);
            if (connector.Failure("POST") is { } failure) return failure;
            connector.received.Enqueue((conversationId, activity));
            var id = connector.NewId();
            connector.calls.Enqueue(new Call("POST", conversationId, replyToId, activity, DateTimeOffset.UtcNow) { Raw = raw, DeclaredLength = request.ContentLength });
            return Results.Ok(new { id });
        });
        app.MapPut("/v3/conversations/{conversationId}/activities/{activityId}", async (string conversationId, string activityId, HttpRequest request) =>
        {
            var activity = await ReadAsync(request);
            if (connector.Failure("PUT") is { } failure) return failure;
            connector.calls.Enqueue(new Call("PUT", conversationId, activityId, activity, DateTimeOffset.UtcNow));
            return Results.Ok(new { id = activityId });
        });
        app.MapPost("/v3/conversations", async (HttpRequest request) =>
        {
            var parameters = await ReadAsync(request);
            if (connector.Failure("CREATE") is { } failure) return failure;
            if ((string?)parameters.SelectToken("members[0].id") is { } member && !member.StartsWith("29:", StringComparison.Ordinal))
                lock (connector.installedFor)
                    if (!connector.installedFor.Contains(member)) return Results.StatusCode(403);
            var rootId = connector.NewId();
            var place = (string?)parameters.SelectToken("channelData.channel.id") ?? $"a:personal-{(string?)parameters.SelectToken("members[0].id")}";
            var conversationId = place.StartsWith("19:", StringComparison.Ordinal) ? $"{place};messageid={rootId}" : place;
            connector.calls.Enqueue(new Call("CREATE", conversationId, rootId, parameters, DateTimeOffset.UtcNow));
            return Results.Ok(new { id = conversationId, activityId = rootId });
        });
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        connector.ServiceUrl = address + "/";
        return connector;
    }

    /// <summary>Waits until the bot has made calls matching the condition, or fails after the timeout.</summary>
    public async Task<IReadOnlyList<Call>> WaitForAsync(Func<IReadOnlyList<Call>, bool> done, TimeSpan? timeout = null)
    {
        var until = DateTimeOffset.UtcNow + (timeout ?? TimeSpan.FromSeconds(20));
        while (DateTimeOffset.UtcNow < until)
        {
            var now = Calls;
            if (done(now)) return now;
            await Task.Delay(50);
        }
        throw new Xunit.Sdk.XunitException("The bot did not make the expected calls in time. Calls: " +
            string.Join("\n", Calls.Select(c => $"{c.Method} {c.ConversationId} {c.ActivityId} {c.Body.ToString(Newtonsoft.Json.Formatting.None)[..Math.Min(200, c.Body.ToString(Newtonsoft.Json.Formatting.None).Length)]}")));
    }

    /// <summary>Takes the activities the bot has sent so far, oldest first.</summary>
    public IReadOnlyList<(string ConversationId, JObject Activity)> Drain()
    {
        var list = new List<(string, JObject)>();
        while (received.TryDequeue(out var item)) list.Add(item);
        return list;
    }

    private IResult? Failure(string method)
    {
        (string? Method, int Status, string? RetryAfter) failure;
        lock (failures)
        {
            var index = failures.FindIndex(f => f.Method is null || f.Method == method);
            if (index < 0) return null;
            failure = failures[index];
            failures.RemoveAt(index);
        }
        return failure.RetryAfter is { } after
            ? new RetryAfterResult(failure.Status, after)
            : Results.StatusCode(failure.Status);
    }

    private string NewId() => Interlocked.Increment(ref nextId).ToString(System.Globalization.CultureInfo.InvariantCulture);

    private static async Task<JObject> ReadAsync(HttpRequest request)
    {
        using var reader = new StreamReader(request.Body);
        return JObject.Parse(await reader.ReadToEndAsync());
    }

    private sealed class RetryAfterResult(int status, string retryAfter) : IResult
    {
        public Task ExecuteAsync(HttpContext context)
        {
            context.Response.StatusCode = status;
            context.Response.Headers.RetryAfter = retryAfter;
            return Task.CompletedTask;
        }
    }

    public async ValueTask DisposeAsync() => await app.DisposeAsync();
}
