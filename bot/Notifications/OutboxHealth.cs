namespace ReleaseBot.Notifications;

/// <summary>What <c>/health</c> shows about notifications.</summary>
/// <param name="Pending">Waiting to be delivered (first try or retry).</param>
/// <param name="Retrying">Of those, how many failed at least once.</param>
/// <param name="Failed">Parked after their last attempt, or refused for good; kept for people to look at.</param>
/// <param name="OldestPendingAge">How long the oldest pending message has waited; null when none waits.</param>
/// <param name="WaitingForPeople">Personal messages for people the bot cannot reach yet: normal in a tenant, not a fault.</param>
public sealed record OutboxHealth(int Pending, int Retrying, int Failed, TimeSpan? OldestPendingAge, int WaitingForPeople = 0);
