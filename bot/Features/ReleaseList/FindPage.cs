namespace ReleaseBot.Features.ReleaseList;

/// <summary>A page of the releases that match a text ("find").</summary>
public sealed record FindPage(string Query, int Page)
{
    public const string Verb = "find";

    public static FindPage? From(CardActionData data) => new(data.Text("query") ?? "", data.Page);
}
