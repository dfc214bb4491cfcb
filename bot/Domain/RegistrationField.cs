namespace ReleaseBot.Domain;

/// <summary>The fields of a release's registration, wherever it comes from (the API, the registration card).</summary>
public enum RegistrationField
{
    Title,
    Description,
    Type,
    Version,
    Risk,
    Impact,
    Urgency,
    Priority,
    PlannedStart,
    PlannedEnd,
    Requester,
    ExecutorGroup,
    ExternalId,
    Links,
}
