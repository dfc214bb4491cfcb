namespace ReleaseBot.Notifications;

/// <summary>How the outbox sender paces, retries and parks notifications (configuration: Notifications:Sender).</summary>
public sealed class OutboxSenderOptions
{
    /// <summary>How often the database is looked at for conversations with new messages; one that waited goes on when it may, whatever this is.</summary>
    public TimeSpan PollInterval { get; set; } = TimeSpan.FromMilliseconds(500);

    /// <summary>Attempts (the first included) before a message is parked as failed.</summary>
    public int MaxAttempts { get; set; } = 8;

    /// <summary>Wait after the first failed attempt; doubled after each further one.</summary>
    public TimeSpan BaseBackoff { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>Longest wait between attempts, unless the server's Retry-After asks for more.</summary>
    public TimeSpan MaxBackoff { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>How long a sender holds a message it took; another sender may take it afterwards.</summary>
    public TimeSpan LeaseDuration { get; set; } = TimeSpan.FromSeconds(60);

    /// <summary>A delivery that takes longer is abandoned and retried; shorter than the lease, so that
    /// no other sender takes a message while this one is still sending it.</summary>
    public TimeSpan DeliveryTimeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>
    /// How many conversations are delivered to at once, by as many workers (each conversation's messages still go one
    /// after the other, in order), so that a slow or throttled conversation holds no other back.
    /// </summary>
    public int TargetsAtOnce { get; set; } = 8;

    /// <summary>How long a personal message waits for a person the bot cannot reach yet before it is given up.</summary>
    public TimeSpan WaitForPersonUpTo { get; set; } = TimeSpan.FromDays(14);

    /// <summary>
    /// Teams' limits per bot and conversation for sends (docs: "Rate limiting for bots"): 7 in 1 s,
    /// 8 in 2 s, 60 in 30 s, 1800 in an hour. 0 turns a limit off.
    /// </summary>
    public int SendsPerSecondPerTarget { get; set; } = 7;
    public int SendsPerTwoSecondsPerTarget { get; set; } = 8;
    public int SendsPerThirtySecondsPerTarget { get; set; } = 60;
    public int SendsPerHourPerTarget { get; set; } = 1800;

    /// <summary>Names this sender in <see cref="OutboxMessage.LeaseOwner"/>: unique per process (at most 100 characters).</summary>
    public string InstanceId { get; set; } = DefaultInstanceId();

    public static string DefaultInstanceId()
    {
        var machine = Environment.MachineName;
        if (machine.Length > 40) machine = machine[..40];
        return $"{machine}-{Environment.ProcessId}-{Guid.NewGuid():N}";
    }

    internal IEnumerable<SendLimit> TargetLimits()
    {
        if (SendsPerSecondPerTarget > 0) yield return new SendLimit(SendsPerSecondPerTarget, TimeSpan.FromSeconds(1));
        if (SendsPerTwoSecondsPerTarget > 0) yield return new SendLimit(SendsPerTwoSecondsPerTarget, TimeSpan.FromSeconds(2));
        if (SendsPerThirtySecondsPerTarget > 0) yield return new SendLimit(SendsPerThirtySecondsPerTarget, TimeSpan.FromSeconds(30));
        if (SendsPerHourPerTarget > 0) yield return new SendLimit(SendsPerHourPerTarget, TimeSpan.FromHours(1));
    }

    internal void Validate()
    {
        if (PollInterval <= TimeSpan.Zero) throw new ArgumentException("PollInterval must be positive.");
        if (MaxAttempts < 1) throw new ArgumentException("MaxAttempts must be at least 1.");
        if (BaseBackoff <= TimeSpan.Zero || MaxBackoff < BaseBackoff) throw new ArgumentException("BaseBackoff must be positive and at most MaxBackoff.");
        if (DeliveryTimeout <= TimeSpan.Zero || LeaseDuration <= DeliveryTimeout) throw new ArgumentException("LeaseDuration must be longer than DeliveryTimeout, which must be positive.");
        if (TargetsAtOnce < 1) throw new ArgumentException("TargetsAtOnce must be at least 1.");
        if (WaitForPersonUpTo <= TimeSpan.Zero) throw new ArgumentException("WaitForPersonUpTo must be positive.");
        if (string.IsNullOrWhiteSpace(InstanceId) || InstanceId.Length > 100) throw new ArgumentException("InstanceId must have 1 to 100 characters.");
    }
}
