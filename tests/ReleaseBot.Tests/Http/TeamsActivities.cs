using Newtonsoft.Json.Linq;

namespace ReleaseBot.Tests.Http;

public sealed record TeamsUser(string Id, string Name, string AadObjectId)
{
    public static readonly TeamsUser Alex = new("29:alex", "Alex Wilber", "00000000-0000-0000-0000-0000000000020");
    public static readonly TeamsUser Megan = new("29:megan", "Megan Bowen", "00000000-0000-0000-0000-0000000000021");
    public static readonly TeamsUser Adele = new("29:adele", "Adele Vance", "00000000-0000-0000-0000-0000000000022");
    public static readonly TeamsUser Lynne = new("29:lynne", "Lynne Robbins", "00000000-0000-0000-0000-0000000000025");
}

/// <summary>Where a conversation happens: a personal chat or a channel thread.</summary>
public sealed record TeamsPlace(string ConversationId, string ConversationType, JObject ChannelData)
{
    private const string Tenant = "00000000-0000-0000-0000-0000000000001";

    public static TeamsPlace Personal(TeamsUser user) =>
        new($"a:personal-{user.Id}", "personal", new JObject { ["tenant"] = new JObject { ["id"] = Tenant } });

    public static TeamsPlace Channel(string channelId = "19:general@thread.tacv2") =>
        new($"{channelId};messageid=1700000000000", "channel", new JObject
        {
            ["tenant"] = new JObject { ["id"] = Tenant },
            ["team"] = new JObject { ["id"] = "19:team@thread.tacv2", ["name"] = "Release Management" },
            ["channel"] = new JObject { ["id"] = channelId, ["name"] = "General" },
        });
}

/// <summary>Activities shaped as Teams sends them to a bot.</summary>
public static class TeamsActivities
{
    public const string BotId = "28:releasebot";
    public const string BotName = "ReleaseBot";

    public static JObject Message(string serviceUrl, TeamsUser user, TeamsPlace place, string text, string locale)
    {
        var activity = Base("message", serviceUrl, user, place, locale);
        if (place.ConversationType == "channel")
        {
            activity["text"] = $"<at>{BotName}</at> {text}";
            activity["entities"] = new JArray(new JObject
            {
                ["type"] = "mention",
                ["text"] = $"<at>{BotName}</at>",
                ["mentioned"] = new JObject { ["id"] = BotId, ["name"] = BotName },
            });
        }
        else
        {
            activity["text"] = text;
        }
        activity["textFormat"] = "plain";
        return activity;
    }

    public static JObject Invoke(string serviceUrl, TeamsUser user, TeamsPlace place, string verb, JObject data, string locale)
    {
        var activity = Base("invoke", serviceUrl, user, place, locale);
        activity["name"] = "adaptiveCard/action";
        activity["value"] = new JObject
        {
            ["action"] = new JObject { ["type"] = "Action.Execute", ["id"] = Guid.NewGuid().ToString(), ["verb"] = verb, ["data"] = data },
            ["trigger"] = "manual",
        };
        return activity;
    }

    /// <summary>
    /// A search from the message extension (<c>composeExtension/query</c>): the search text as the parameter, or on opening
    /// (<paramref name="text"/> null) Teams' <c>initialRun</c> parameter.
    /// </summary>
    public static JObject ComposeQuery(string serviceUrl, TeamsUser user, TeamsPlace place, string? text, int skip, int count, string locale,
        string commandId = "searchReleases")
    {
        var activity = Base("invoke", serviceUrl, user, place, locale);
        activity["name"] = "composeExtension/query";
        activity["value"] = new JObject
        {
            ["commandId"] = commandId,
            ["parameters"] = new JArray(text is null
                ? new JObject { ["name"] = "initialRun", ["value"] = "true" }
                : new JObject { ["name"] = "searchText", ["value"] = text }),
            ["queryOptions"] = new JObject { ["skip"] = skip, ["count"] = count },
        };
        return activity;
    }

    /// <summary>A link pasted in the compose box of a domain the app's link handler names (<c>composeExtension/queryLink</c>).</summary>
    public static JObject QueryLink(string serviceUrl, TeamsUser user, TeamsPlace place, string url, string locale)
    {
        var activity = Base("invoke", serviceUrl, user, place, locale);
        activity["name"] = "composeExtension/queryLink";
        activity["value"] = new JObject { ["url"] = url };
        return activity;
    }

    private static JObject Base(string type, string serviceUrl, TeamsUser user, TeamsPlace place, string locale) => new()
    {
        ["type"] = type,
        ["id"] = Guid.NewGuid().ToString("N"),
        ["timestamp"] = DateTimeOffset.UtcNow.ToString("o"),
        ["localTimestamp"] = DateTimeOffset.UtcNow.ToString("o"),
        ["serviceUrl"] = serviceUrl,
        ["channelId"] = "msteams",
        ["from"] = new JObject { ["id"] = user.Id, ["name"] = user.Name, ["aadObjectId"] = user.AadObjectId },
        ["conversation"] = new JObject
        {
            ["id"] = place.ConversationId,
            ["conversationType"] = place.ConversationType,
            ["tenantId"] = "00000000-0000-0000-0000-0000000000001",
            ["isGroup"] = place.ConversationType != "personal",
        },
        ["recipient"] = new JObject { ["id"] = BotId, ["name"] = BotName },
        ["locale"] = locale,
        ["channelData"] = place.ChannelData,
    };
}
