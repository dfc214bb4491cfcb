using ReleaseBot.Domain;

namespace ReleaseBot.Api;

/// <summary>The body of <c>POST /api/v1/releases</c>.</summary>
public sealed record RegisterReleaseBody(
    string? Title,
    string? Description,
    string? Type,
    string? Version,
    string? Risk,
    string? Impact,
    string? Urgency,
    int? Priority,
    string? PlannedStart,
    string? PlannedEnd,
    RequesterBody? Requester,
    string? ExecutorGroup,
    string? ExternalId,
    IReadOnlyList<LinkBody>? Links)
{
    public Registration ToRegistration() => new(Title, Description, Type, Version, Risk, Impact, Urgency, Priority, PlannedStart, PlannedEnd,
        Requester?.Name, Requester?.AadObjectId, Requester?.Email, ExecutorGroup, ExternalId);
}

public sealed record RequesterBody(string? Name, string? AadObjectId, string? Email);

/// <summary>A catalog item to link at registration: <c>kind</c> is problems, knowledge or media; <c>externalId</c> its id in the catalog.</summary>
public sealed record LinkBody(string? Kind, string? ExternalId);

/// <summary>The body of <c>POST /api/v1/releases/{key}/notes</c>.</summary>
public sealed record NoteBody(string? Text, string? Url);
