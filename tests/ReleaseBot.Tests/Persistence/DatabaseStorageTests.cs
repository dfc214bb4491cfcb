using Moq;
using System.Collections.Concurrent;
using Microsoft.Bot.Builder;
using Microsoft.Bot.Builder.Adapters;
using Microsoft.Bot.Schema;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Newtonsoft.Json.Linq;
using ReleaseBot.Persistence;
using ReleaseBot.Teams;

namespace ReleaseBot.Tests.Persistence;

/// <summary>
/// The bot's state on a real database of the provider under test: through <see cref="IStorage"/> itself, and through
/// the SDK's state classes as the bot uses them, each bot instance with services and storage of its own.
/// </summary>
public sealed class DatabaseStorageTests(TestDatabase database) : IClassFixture<TestDatabase>, IDisposable
{
    private const int Rounds = 20;
    private readonly List<ServiceProvider> instances = [];

    public void Dispose()
    {
        foreach (var instance in instances) instance.Dispose();
    }

    /// <summary>A bot instance's storage: the database registered as the app does, with optional interceptors on its contexts.</summary>
    private DatabaseStorage NewStorage(params IInterceptor[] interceptors)
    {
        var services = new ServiceCollection();
        database.Settings.AddTo(services);
        if (interceptors.Length > 0)
        {
            if (database.Settings.Provider == DatabaseProvider.Postgres) services.ConfigureDbContext<PostgresReleaseBotDb>(options => options.AddInterceptors(interceptors));
            else services.ConfigureDbContext<SqliteReleaseBotDb>(options => options.AddInterceptors(interceptors));
        }
        var instance = services.BuildServiceProvider(validateScopes: true);
        instances.Add(instance);
        return new DatabaseStorage(instance.GetRequiredService<IServiceScopeFactory>(), database.Clock);
    }

    private static string NewKey(string what) => $"msteams/tests/{what}/{Guid.NewGuid():N}";

    private static async Task<JObject?> ReadOneAsync(IStorage storage, string key) =>
        (await storage.ReadAsync([key])).TryGetValue(key, out var document) ? Assert.IsType<JObject>(document) : null;

    private static Dictionary<string, object> Change(string key, object value) => new() { [key] = value };

    private static string ETagOf(JObject? document)
    {
        var etag = document?[DatabaseStorage.ETagEntry]?.Value<string>();
        Assert.False(string.IsNullOrEmpty(etag), $"No eTag in {document}");
        return etag;
    }

    [Fact]
    public async Task A_document_written_is_read_back_as_it_was_with_an_eTag()
    {
        var storage = NewStorage();
        var key = NewKey("round-trip");
        var written = JObject.Parse("""
            { "release": "REL-1001", "step": "Homologação", "seen": ["REL-1001", "REL-1002"],
              "person": { "name": "Megan Bowen", "groups": [3, 7] }, "revision": 4, "unassigned": false }
            """);
        var passed = (JObject)written.DeepClone();

        await storage.WriteAsync(Change(key, passed));

        var read = await ReadOneAsync(NewStorage(), key);
        var etag = ETagOf(read);
        Assert.Equal(etag, ETagOf(passed));
        read!.Remove(DatabaseStorage.ETagEntry);
        Assert.True(JToken.DeepEquals(written, read), read.ToString());
    }

    [Fact]
    public async Task A_write_with_the_ETag_it_read_is_applied_and_gets_a_new_ETag()
    {
        var storage = NewStorage();
        var key = NewKey("update");
        await storage.WriteAsync(Change(key, new JObject { ["step"] = "registro" }));
        var read = await ReadOneAsync(storage, key);
        var first = ETagOf(read);

        read!["step"] = "execucao";
        await storage.WriteAsync(Change(key, read));

        var after = await ReadOneAsync(storage, key);
        Assert.Equal("execucao", after!.Value<string>("step"));
        Assert.NotEqual(first, ETagOf(after));
        Assert.Equal(ETagOf(after), ETagOf(read));
    }

    [Fact]
    public async Task A_write_with_a_stale_ETag_is_refused_and_the_stored_document_is_unchanged()
    {
        var storage = NewStorage();
        var key = NewKey("stale");
        await storage.WriteAsync(Change(key, new JObject { ["step"] = "registro" }));
        var mine = await ReadOneAsync(storage, key);
        var theirs = await ReadOneAsync(NewStorage(), key);
        mine!["step"] = "autorizacao";
        await storage.WriteAsync(Change(key, mine));

        theirs!["step"] = "execucao";
        var conflict = await Assert.ThrowsAsync<StateConflictException>(() => storage.WriteAsync(Change(key, theirs)));

        Assert.Equal(key, conflict.Key);
        var stored = await ReadOneAsync(storage, key);
        Assert.Equal("autorizacao", stored!.Value<string>("step"));
        Assert.Equal(ETagOf(mine), ETagOf(stored));
    }

    [Theory]
    [InlineData("*")]
    [InlineData("")]
    [InlineData(null)]
    public async Task A_write_with_a_star_or_without_an_ETag_overwrites_what_is_stored(string? etag)
    {
        var storage = NewStorage();
        var key = NewKey("overwrite");
        await storage.WriteAsync(Change(key, new JObject { ["step"] = "registro" }));
        var stale = ETagOf(await ReadOneAsync(storage, key));
        await storage.WriteAsync(Change(key, new JObject { ["step"] = "autorizacao", [DatabaseStorage.ETagEntry] = stale }));

        var overwrite = new JObject { ["step"] = "encerramento" };
        if (etag is not null) overwrite[DatabaseStorage.ETagEntry] = etag;
        await storage.WriteAsync(Change(key, overwrite));

        var stored = await ReadOneAsync(storage, key);
        Assert.Equal("encerramento", stored!.Value<string>("step"));
        Assert.NotEqual(stale, ETagOf(stored));
    }

    private sealed class ReleaseNote : IStoreItem
    {
        public string Text { get; set; } = "";
        public string? ETag { get; set; }
    }

    [Fact]
    public async Task An_IStoreItem_gets_its_new_ETag_when_written_and_a_stale_copy_is_refused()
    {
        var storage = NewStorage();
        var key = NewKey("store-item");
        var note = new ReleaseNote { Text = "Deploy at 22:00" };

        await storage.WriteAsync(Change(key, note));

        Assert.False(string.IsNullOrEmpty(note.ETag));
        var read = await ReadOneAsync(storage, key);
        Assert.Equal(note.ETag, ETagOf(read));
        Assert.Null(read!.Property(nameof(IStoreItem.ETag)));
        Assert.Equal("Deploy at 22:00", read.Value<string>(nameof(ReleaseNote.Text)));

        var stale = new ReleaseNote { Text = "Deploy at 23:00", ETag = note.ETag };
        var readETag = note.ETag;
        note.Text = "Deploy at 21:00";
        await storage.WriteAsync(Change(key, note));
        Assert.NotEqual(readETag, note.ETag);

        await Assert.ThrowsAsync<StateConflictException>(() => storage.WriteAsync(Change(key, stale)));
        var stored = await ReadOneAsync(storage, key);
        Assert.Equal("Deploy at 21:00", stored!.Value<string>(nameof(ReleaseNote.Text)));
        Assert.Equal(note.ETag, ETagOf(stored));
    }

    /// <summary>
    /// Holds each write's save until both writers of the round reached theirs, so that both read the stored item
    /// inside the storage before either of them writes it.
    /// </summary>
    private sealed class BothWritersGate : SaveChangesInterceptor
    {
        private TaskCompletionSource bothThere = new(TaskCreationOptions.RunContinuationsAsynchronously);
        private int arrived;

        public void NextRound()
        {
            bothThere = new(TaskCreationOptions.RunContinuationsAsynchronously);
            Volatile.Write(ref arrived, 0);
        }

        public override async ValueTask<InterceptionResult<int>> SavingChangesAsync(DbContextEventData eventData, InterceptionResult<int> result, CancellationToken cancellationToken = default)
        {
            var gate = bothThere;
            if (Interlocked.Increment(ref arrived) == 2) gate.TrySetResult();
            await gate.Task.WaitAsync(TimeSpan.FromSeconds(10), cancellationToken);
            return result;
        }
    }

    private static async Task<Exception?> FailureOf(Func<Task> write)
    {
        try
        {
            await Task.Run(write);
            return null;
        }
        catch (Exception failure)
        {
            return failure;
        }
    }

    /// <summary>Two instances write their own version of the same item at once: one is stored, the other refused.</summary>
    private static async Task ExactlyOneWinsAsync(string key, DatabaseStorage reader, (string Name, DatabaseStorage Storage, JObject Version)[] writers)
    {
        var failures = await Task.WhenAll(writers.Select(w => FailureOf(() => w.Storage.WriteAsync(Change(key, w.Version)))));

        var winner = Assert.Single(writers.Zip(failures), w => w.Second is null).First;
        var conflict = Assert.IsType<StateConflictException>(Assert.Single(failures, f => f is not null));
        Assert.Equal(key, conflict.Key);
        var stored = await ReadOneAsync(reader, key);
        Assert.Equal(winner.Name, stored!.Value<string>("writtenBy"));
        Assert.Equal(ETagOf(winner.Version), ETagOf(stored));
    }

    [Fact]
    public async Task Two_instances_updating_the_same_item_at_once_exactly_one_wins_every_time()
    {
        var gate = new BothWritersGate();
        var (alpha, beta, reader) = (NewStorage(gate), NewStorage(gate), NewStorage());

        for (var round = 0; round < Rounds; round++)
        {
            var key = NewKey("update-race");
            await reader.WriteAsync(Change(key, new JObject { ["writtenBy"] = "nobody" }));
            var alphaRead = await ReadOneAsync(alpha, key);
            var betaRead = await ReadOneAsync(beta, key);
            Assert.Equal(ETagOf(alphaRead), ETagOf(betaRead));
            alphaRead!["writtenBy"] = "alpha";
            betaRead!["writtenBy"] = "beta";
            gate.NextRound();

            await ExactlyOneWinsAsync(key, reader, [("alpha", alpha, alphaRead), ("beta", beta, betaRead)]);
        }
    }

    /// <summary>Two instances write their own version of the same item with no ETag at once: both succeed, the last one is kept.</summary>
    private static async Task BothSucceedAndOneIsKeptAsync(string key, DatabaseStorage reader, (string Name, DatabaseStorage Storage, JObject Version)[] writers)
    {
        var failures = await Task.WhenAll(writers.Select(w => FailureOf(() => w.Storage.WriteAsync(Change(key, w.Version)))));

        Assert.All(failures, Assert.Null);
        var stored = await ReadOneAsync(reader, key);
        var kept = Assert.Single(writers, w => w.Name == stored!.Value<string>("writtenBy"));
        Assert.Equal(ETagOf(kept.Version), ETagOf(stored));
    }

    [Fact]
    public async Task Two_instances_creating_the_same_item_at_once_both_succeed_and_the_last_is_kept()
    {
        var gate = new BothWritersGate();
        var (alpha, beta, reader) = (NewStorage(gate), NewStorage(gate), NewStorage());

        for (var round = 0; round < Rounds; round++)
        {
            var key = NewKey("insert-race");
            Assert.Null(await ReadOneAsync(alpha, key));
            Assert.Null(await ReadOneAsync(beta, key));
            gate.NextRound();

            await BothSucceedAndOneIsKeptAsync(key, reader,
                [("alpha", alpha, new JObject { ["writtenBy"] = "alpha" }), ("beta", beta, new JObject { ["writtenBy"] = "beta" })]);
        }
    }

    [Fact]
    public async Task Two_instances_overwriting_the_same_item_without_an_etag_at_once_both_succeed()
    {
        var gate = new BothWritersGate();
        var (alpha, beta, reader) = (NewStorage(gate), NewStorage(gate), NewStorage());

        for (var round = 0; round < Rounds; round++)
        {
            var key = NewKey("overwrite-race");
            await reader.WriteAsync(Change(key, new JObject { ["writtenBy"] = "nobody" }));
            gate.NextRound();

            await BothSucceedAndOneIsKeptAsync(key, reader,
                [("alpha", alpha, new JObject { ["writtenBy"] = "alpha", ["eTag"] = "*" }), ("beta", beta, new JObject { ["writtenBy"] = "beta" })]);
        }
    }

    [Fact]
    public async Task Values_that_are_not_objects_are_stored_too()
    {
        var storage = NewStorage();
        var key = NewKey("plain");
        await storage.WriteAsync(Change(key, "REL-1001"));
        await storage.WriteAsync(Change(key + "/list", new[] { 1, 2, 3 }));

        var read = await storage.ReadAsync([key, key + "/list"]);
        Assert.Equal("REL-1001", ((JToken)read[key]).Value<string>());
        Assert.Equal([1, 2, 3], ((JArray)read[key + "/list"]).Values<int>());
    }

    [Fact]
    public async Task Delete_removes_the_keys_given_and_only_those()
    {
        var storage = NewStorage();
        var (removed, kept) = (NewKey("delete"), NewKey("keep"));
        await storage.WriteAsync(new Dictionary<string, object> { [removed] = new JObject { ["n"] = 1 }, [kept] = new JObject { ["n"] = 2 } });

        await storage.DeleteAsync([removed, NewKey("never-written")]);

        var left = await NewStorage().ReadAsync([removed, kept]);
        Assert.Equal([kept], left.Keys);
        Assert.Equal(2, ((JObject)left[kept]).Value<int>("n"));
    }

    [Fact]
    public async Task Reading_keys_never_written_returns_nothing()
    {
        var storage = NewStorage();
        var written = NewKey("written");
        await storage.WriteAsync(Change(written, new JObject { ["n"] = 1 }));

        Assert.Empty(await storage.ReadAsync([NewKey("unknown"), NewKey("unknown")]));
        Assert.Empty(await storage.ReadAsync([]));
        Assert.Equal([written], (await storage.ReadAsync([NewKey("unknown"), written])).Keys);
    }

    [Fact]
    public async Task A_key_of_more_than_500_characters_is_refused_and_nothing_of_its_batch_is_written()
    {
        var storage = NewStorage();
        var prefix = NewKey("long");
        var (longest, tooLong, alongside) = (prefix + new string('x', 500 - prefix.Length), prefix + new string('x', 501 - prefix.Length), NewKey("alongside"));

        await Assert.ThrowsAsync<ArgumentException>(() => storage.WriteAsync(new Dictionary<string, object>
        {
            [alongside] = new JObject { ["n"] = 1 },
            [tooLong] = new JObject { ["n"] = 2 },
        }));
        await storage.WriteAsync(Change(longest, new JObject { ["n"] = 3 }));

        Assert.Empty(await storage.ReadAsync([alongside, tooLong]));
        Assert.Equal(3, (await ReadOneAsync(storage, longest))!.Value<int>("n"));
    }

    // Through the SDK's state classes, as the bot uses them.

    private sealed record ReleaseInProgress(string Key, int Step, List<string> Seen);

    private static TestAdapter Chat(string conversationId, string userId) => new(new ConversationReference
    {
        ChannelId = "msteams",
        ServiceUrl = "https://smba.example.test/teams/",
        User = new ChannelAccount(userId, "Person " + userId),
        Bot = new ChannelAccount("28:releasebot", "ReleaseBot"),
        Conversation = new ConversationAccount(id: conversationId),
    });

    private static Task TurnAsync(TestAdapter chat, Func<ITurnContext, Task> turn) =>
        chat.ProcessActivityAsync(chat.MakeActivity("hello"), (context, _) => turn(context), CancellationToken.None);

    private static BotState StateOf(string kind, IStorage storage) => kind switch
    {
        nameof(ConversationState) => new ConversationState(storage),
        nameof(UserState) => new UserState(storage),
        nameof(PrivateConversationState) => new PrivateConversationState(storage),
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, null),
    };

    /// <summary>A property as a new bot instance would read it in a turn of that chat: fresh services, storage and state.</summary>
    private async Task<T?> ReadLaterAsync<T>(string kind, TestAdapter chat, string property)
    {
        var state = StateOf(kind, NewStorage());
        var value = default(T);
        await TurnAsync(chat, async context => value = await state.CreateProperty<T?>(property).GetAsync(context, () => default, CancellationToken.None));
        return value;
    }

    private async Task SaveInATurnAsync(string kind, TestAdapter chat, string property, string value)
    {
        var state = StateOf(kind, NewStorage());
        await TurnAsync(chat, async context =>
        {
            await state.CreateProperty<string>(property).SetAsync(context, value, CancellationToken.None);
            await state.SaveChangesAsync(context, force: false, CancellationToken.None);
        });
    }

    [Theory]
    [InlineData(nameof(ConversationState), true, false)]
    [InlineData(nameof(UserState), false, true)]
    [InlineData(nameof(PrivateConversationState), false, false)]
    public async Task State_saved_in_a_turn_is_read_in_a_later_turn_by_another_instance(string kind, bool sharedInTheConversation, bool sharedAcrossConversations)
    {
        var (conversation, otherConversation) = ($"a:chat-{Guid.NewGuid():N}", $"a:chat-{Guid.NewGuid():N}");
        var (alex, megan) = ($"29:alex-{Guid.NewGuid():N}", $"29:megan-{Guid.NewGuid():N}");
        var state = StateOf(kind, NewStorage());
        var saved = new ReleaseInProgress("REL-1001", 3, ["REL-1001", "REL-1007"]);

        await TurnAsync(Chat(conversation, alex), async context =>
        {
            await state.CreateProperty<ReleaseInProgress>("inProgress").SetAsync(context, saved, CancellationToken.None);
            await state.SaveChangesAsync(context, force: false, CancellationToken.None);
        });

        var later = await ReadLaterAsync<ReleaseInProgress>(kind, Chat(conversation, alex), "inProgress");
        Assert.NotNull(later);
        Assert.Equal((saved.Key, saved.Step), (later.Key, later.Step));
        Assert.Equal(saved.Seen, later.Seen);
        Assert.Equal(sharedInTheConversation, await ReadLaterAsync<ReleaseInProgress>(kind, Chat(conversation, megan), "inProgress") is not null);
        Assert.Equal(sharedAcrossConversations, await ReadLaterAsync<ReleaseInProgress>(kind, Chat(otherConversation, alex), "inProgress") is not null);
    }

    [Theory]
    [InlineData(nameof(ConversationState))]
    [InlineData(nameof(UserState))]
    [InlineData(nameof(PrivateConversationState))]
    public async Task Of_two_turns_that_loaded_the_same_state_the_second_to_save_is_refused(string kind)
    {
        var chat = Chat($"a:chat-{Guid.NewGuid():N}", $"29:alex-{Guid.NewGuid():N}");
        await SaveInATurnAsync(kind, chat, "step", "registro");
        var (first, second) = (StateOf(kind, NewStorage()), StateOf(kind, NewStorage()));

        await TurnAsync(chat, async secondTurn =>
        {
            Assert.Equal("registro", await second.CreateProperty<string>("step").GetAsync(secondTurn, () => "", CancellationToken.None));
            await TurnAsync(chat, async firstTurn =>
            {
                await first.CreateProperty<string>("step").SetAsync(firstTurn, "autorizacao", CancellationToken.None);
                await first.SaveChangesAsync(firstTurn, force: false, CancellationToken.None);
            });
            await second.CreateProperty<string>("step").SetAsync(secondTurn, "execucao", CancellationToken.None);
            await Assert.ThrowsAsync<StateConflictException>(() => second.SaveChangesAsync(secondTurn, force: false, CancellationToken.None));
        });

        Assert.Equal("autorizacao", await ReadLaterAsync<string>(kind, chat, "step"));
    }

    [Theory]
    [InlineData(nameof(ConversationState))]
    [InlineData(nameof(UserState))]
    [InlineData(nameof(PrivateConversationState))]
    public async Task A_turn_may_save_its_state_twice(string kind)
    {
        var chat = Chat($"a:chat-{Guid.NewGuid():N}", $"29:alex-{Guid.NewGuid():N}");
        await SaveInATurnAsync(kind, chat, "step", "registro");
        var state = StateOf(kind, NewStorage());
        var step = state.CreateProperty<string>("step");

        await TurnAsync(chat, async context =>
        {
            Assert.Equal("registro", await step.GetAsync(context, () => "", CancellationToken.None));
            await step.SetAsync(context, "autorizacao", CancellationToken.None);
            await state.SaveChangesAsync(context, force: false, CancellationToken.None);
            await step.SetAsync(context, "execucao", CancellationToken.None);
            await state.SaveChangesAsync(context, force: false, CancellationToken.None);
            await state.SaveChangesAsync(context, force: true, CancellationToken.None);
        });

        Assert.Equal("execucao", await ReadLaterAsync<string>(kind, chat, "step"));
    }

    private sealed class ListLogger<T> : ILogger<T>
    {
        public ConcurrentQueue<(LogLevel Level, string Text)> Lines { get; } = new();
        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;
        public bool IsEnabled(LogLevel logLevel) => true;
        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
            Lines.Enqueue((logLevel, formatter(state, exception)));
    }

    private ReleaseInHandMemory NewMemory(ILogger<ReleaseInHandMemory>? logger = null) =>
        new(new PrivateConversationState(NewStorage()), logger ?? new ListLogger<ReleaseInHandMemory>());

    [Fact]
    public async Task The_release_in_hand_saved_first_is_kept_and_the_later_conflicting_one_is_only_logged()
    {
        var chat = Chat($"a:chat-{Guid.NewGuid():N}", $"29:alex-{Guid.NewGuid():N}");
        await TurnAsync(chat, context => NewMemory().KeepAsync(context, "REL-1001", CancellationToken.None));
        var log = new ListLogger<ReleaseInHandMemory>();
        var (first, second) = (NewMemory(), NewMemory(log));

        await TurnAsync(chat, async secondTurn =>
        {
            Assert.Equal("REL-1001", await second.RecallAsync(secondTurn, CancellationToken.None));
            await TurnAsync(chat, firstTurn => first.KeepAsync(firstTurn, "REL-1002", CancellationToken.None));
            await second.KeepAsync(secondTurn, "REL-1003", CancellationToken.None);
        });

        string? later = null;
        await TurnAsync(chat, async context => later = await NewMemory().RecallAsync(context, CancellationToken.None));
        Assert.Equal("REL-1002", later);
        var (level, text) = Assert.Single(log.Lines);
        Assert.Equal(LogLevel.Information, level);
        Assert.Contains("not saved", text);
    }

    [Fact]
    public async Task A_release_in_hand_that_cannot_be_saved_leaves_the_turn_answered_and_is_logged()
    {
        var storage = new Mock<IStorage>();
        storage.Setup(s => s.ReadAsync(It.IsAny<string[]>(), It.IsAny<CancellationToken>())).ReturnsAsync(new Dictionary<string, object>());
        storage.Setup(s => s.WriteAsync(It.IsAny<IDictionary<string, object>>(), It.IsAny<CancellationToken>())).ThrowsAsync(new TimeoutException("database away"));
        var log = new ListLogger<ReleaseInHandMemory>();
        var memory = new ReleaseInHandMemory(new PrivateConversationState(storage.Object), log);

        await TurnAsync(Chat($"a:chat-{Guid.NewGuid():N}", "29:alex"), context => memory.KeepAsync(context, "REL-1001", CancellationToken.None));

        storage.Verify(s => s.WriteAsync(It.IsAny<IDictionary<string, object>>(), It.IsAny<CancellationToken>()), Times.Once);
        var (level, text) = Assert.Single(log.Lines);
        Assert.Equal(LogLevel.Warning, level);
        Assert.Contains("not saved", text);
    }
}
