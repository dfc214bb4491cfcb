using System.Globalization;

namespace ReleaseBot.Cards;

/// <summary>
/// The ids of the cards' inputs, named here once: card builders give them to their templates (<c>"id": "${ids.itemId}"</c>)
/// and action records read the values Teams sends by them (<c>CardActionData.Input</c>). Teams keeps a rendered
/// input (its options, what was chosen) while a card is replaced by one of the same layout with the same input ids, so a
/// card that is re-sent with other options (after a change, on another page, for another search) ends its ids with an
/// instance that changes with them: "itemId-1c9f04a2".
/// </summary>
public static class InputIds
{
    public const string Release = "release";
    public const string Situation = "situation";
    public const string Category = "category";
    public const string Information = "information";
    public const string ReleaseDate = "releaseDate";
    public const string LinkId = "linkId";
    public const string SearchKind = "searchKind";
    public const string SearchText = "searchText";
    public const string ItemId = "itemId";
    public const string RolePerson = "rolePerson";
    public const string RoleName = "roleName";
    public const string Reason = "reason";
    public const string Step = "step";
    public const string Member = "member";
    public const string Comment = "comment";
    // The registration card's.
    public const string Title = "title";
    public const string Description = "description";
    public const string Type = "type";
    public const string Version = "version";
    public const string Risk = "risk";
    public const string Impact = "impact";
    public const string Urgency = "urgency";
    public const string Priority = "priority";
    public const string StartDate = "startDate";
    public const string StartTime = "startTime";
    public const string EndDate = "endDate";
    public const string EndTime = "endTime";
    public const string Group = "group";

    /// <summary>Between an input's name and its instance.</summary>
    public const char Separator = '-';

    /// <summary>Every input name.</summary>
    public static readonly IReadOnlyList<string> All =
        [Release, Situation, Category, Information, ReleaseDate, LinkId, SearchKind, SearchText, ItemId, RolePerson, RoleName, Reason, Step, Member, Comment,
         Title, Description, Type, Version, Risk, Impact, Urgency, Priority, StartDate, StartTime, EndDate, EndTime, Group];

    /// <summary>The ids of a card's inputs, by name, for the instance made of <paramref name="parts"/> (what its options depend on).</summary>
    public static IReadOnlyDictionary<string, string> Of(IEnumerable<object?> parts, params string[] names)
    {
        var instance = Instance(parts);
        return names.ToDictionary(n => n, n => $"{n}{Separator}{instance}");
    }

    /// <summary>A short stable fingerprint (FNV-1a, 32 bits) of the parts, the same on every instance of the bot.</summary>
    private static string Instance(IEnumerable<object?> parts)
    {
        var hash = 2166136261;
        foreach (var ch in string.Join('\u001f', parts.Select(p => Convert.ToString(p, CultureInfo.InvariantCulture))))
            hash = (hash ^ ch) * 16777619;
        return hash.ToString("x8", CultureInfo.InvariantCulture);
    }
}
