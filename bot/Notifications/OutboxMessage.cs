using ReleaseBot.Domain;
using ReleaseBot.Domain.Events;

namespace ReleaseBot.Notifications;

/// <summary>
/// One notification to deliver, written in the same transaction as the release change it announces.
/// The sender delivers each target's messages in order, retrying with backoff, and parks a message as
/// failed after its last attempt instead of dropping it.
/// </summary>
public sealed class OutboxMessage
{
    public long Id { get; set; }
    /// <summary>Where it goes: <see cref="NotificationTarget"/>'s text form, e.g. "channel:19:abc@thread.tacv2" or "user:&lt;aad id&gt;".</summary>
    public required string Target { get; set; }
    /// <summary>The release the notification is about; 0 for a reply (see <see cref="Payload"/>).</summary>
    public int ReleaseId { get; set; }
    /// <summary>The revision of the release whose execution log entry the notification announces.</summary>
    public int Revision { get; set; }
    public NotificationEvent Event { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    public OutboxStatus Status { get; set; }
    public int Attempts { get; set; }
    public DateTimeOffset NextAttemptAt { get; set; }
    /// <summary>A sender that took the message holds it until then; another may take it afterwards.</summary>
    public DateTimeOffset? LeasedUntil { get; set; }
    public string? LeaseOwner { get; set; }
    public string? LastError { get; set; }
    public DateTimeOffset? SentAt { get; set; }

    /// <summary>A reply that could not be sent during its turn: the activity as JSON, sent as it is.</summary>
    public string? Payload { get; set; }
    /// <summary>Replies: the exact conversation (a channel thread, a personal chat) the reply belongs to.</summary>
    public string? ConversationId { get; set; }
    /// <summary>Replies: the activity it answers, when it is posted as a reply to it.</summary>
    public string? ReplyToId { get; set; }

    public bool IsReply => Payload is not null;

    /// <summary>A channel's message: the release's card is posted or edited already, so a retry only replies in its thread.</summary>
    public bool CardPosted { get; set; }

    /// <summary>A message announcing a change of a release, due now (a webhook's carries its body as <paramref name="payload"/>).</summary>
    public static OutboxMessage About(ReleaseRequest release, ReleaseEvent change, string target, NotificationEvent what, DateTimeOffset now, string? payload = null) => new()
    {
        Target = target,
        ReleaseId = release.Id,
        Revision = change.Stamp.Revision,
        Event = what,
        CreatedAt = now,
        NextAttemptAt = now,
        Status = OutboxStatus.Pending,
        Payload = payload,
    };
}
