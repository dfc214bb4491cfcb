namespace ReleaseBot.Notifications;

/// <summary>At most <see cref="Count"/> sends to one target within any <see cref="Window"/>.</summary>
public sealed record SendLimit(int Count, TimeSpan Window);
