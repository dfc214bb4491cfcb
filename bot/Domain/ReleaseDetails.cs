namespace ReleaseBot.Domain;

/// <summary>What a release request says about itself when it is registered.</summary>
public sealed record ReleaseDetails(
    string Title,
    string Description,
    string Type,
    string Version,
    Level Risk,
    Level Impact,
    Level Urgency,
    int Priority,
    DateTimeOffset PlannedStart,
    DateTimeOffset PlannedEnd,
    string RequesterName,
    string? RequesterAadId,
    int ExecutorGroupId,
    string? RequesterEmail = null,
    string? ExternalId = null);
