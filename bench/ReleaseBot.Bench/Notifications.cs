namespace ReleaseBot.Bench;

public static class NotificationRun
{
    public static Task<string> RunAsync(string label, BotProcess bot, StandIn standIn, HttpClient http, Options options, CancellationToken ct) =>
        Task.FromResult($"{label}: notifications not measured yet.");
}
