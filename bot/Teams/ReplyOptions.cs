namespace ReleaseBot.Teams;

/// <summary>How hard a turn tries to send its reply before handing it to the outbox (configuration: Bot:Replies).</summary>
public sealed class ReplyOptions
{
    /// <summary>
    /// How long a turn may spend sending its reply, retries included: well inside the time Teams waits for the bot's
    /// answer to a message (about 15 s), so the inbound request is answered in time. What is not sent by then goes
    /// to the outbox and is delivered later, in order.
    /// </summary>
    public TimeSpan Deadline { get; set; } = TimeSpan.FromSeconds(8);

    /// <summary>Wait after the first failed attempt when the connector names none; doubled after each further one.</summary>
    public TimeSpan FirstBackoff { get; set; } = TimeSpan.FromMilliseconds(250);
}
