using System.Globalization;

namespace ReleaseBot.Api;

/// <summary>
/// <c>apikey create &lt;name&gt; --scope a[,b]</c>, <c>apikey list</c>, <c>apikey revoke &lt;name&gt;</c>, on the configured
/// database. Results go to standard output (a new key's secret alone on the last line), problems to standard error.
/// </summary>
public static class ApiKeyCommand
{
    public const string Usage = """
        Usage:
          apikey create <name> --scope <scope>[,<scope>...]   prints the new key once, on the last line
          apikey list                                         names, scopes, created, last used, revoked
          apikey revoke <name>
        Scopes: releases:read, releases:write, catalog:write, webhooks:write, admin (all).
        """;

    /// <returns>The process's exit code: 0 done, 1 refused, 2 not understood.</returns>
    public static async Task<int> RunAsync(IReadOnlyList<string> args, ApiKeys keys, TextWriter output, TextWriter error, CancellationToken ct = default)
    {
        switch (args)
        {
            case ["create", var name, "--scope" or "--scopes", var scopes]:
            {
                var (created, problem) = await keys.CreateAsync(name, scopes.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries), ct);
                if (created is null)
                {
                    await error.WriteLineAsync(problem);
                    return 1;
                }
                await output.WriteLineAsync($"Created API key '{created.Key.Name}' with {created.Key.Scopes}. Keep it now: it is not shown again.");
                await output.WriteLineAsync(created.Secret);
                return 0;
            }
            case ["list"]:
                foreach (var key in await keys.ListAsync(ct))
                    await output.WriteLineAsync(string.Join('\t', key.Name, key.Scopes, Time(key.CreatedAt), "last used " + (key.LastUsedAt is { } used ? Time(used) : "never"),
                        key.RevokedAt is { } revoked ? "revoked " + Time(revoked) : "active"));
                return 0;
            case ["revoke", var name]:
                if (await keys.RevokeAsync(name, ct))
                {
                    await output.WriteLineAsync($"Revoked API key '{name.Trim()}'.");
                    return 0;
                }
                await error.WriteLineAsync($"No API key is named '{name.Trim()}'.");
                return 1;
            default:
                await error.WriteLineAsync(Usage);
                return 2;
        }
    }

    private static string Time(DateTimeOffset at) => at.UtcDateTime.ToString("yyyy-MM-dd HH:mm 'UTC'", CultureInfo.InvariantCulture);
}
