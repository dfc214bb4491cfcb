namespace ReleaseBot.Domain.Events;

/// <summary>
/// The current task changed hands: its holder handed it over ("Repassar"), or a release manager reassigned it, to
/// <paramref name="ToAadId"/>; or it was given back unassigned ("Devolver"), and both are null.
/// </summary>
public sealed record TaskHandedOver(ChangeStamp Stamp, string? ToAadId, string? ToName) : ReleaseEvent(Stamp)
{
    public bool GivenBack => ToAadId is null;
}
