namespace ReleaseBot.Features.ReleaseList;

/// <summary>A page of the releases assigned to the person or waiting for their groups ("mine").</summary>
public sealed record MinePage(int Page)
{
    public const string Verb = "mine";

    public static MinePage? From(CardActionData data) => new(data.Page);
}
