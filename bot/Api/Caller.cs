using System.Security.Claims;
using ReleaseBot.Domain;

namespace ReleaseBot.Api;

/// <summary>Who calls the API, as the release's log names them: the key's (or the application's) name.</summary>
public static class Caller
{
    public static string NameOf(ClaimsPrincipal caller) => caller.Identity?.Name ?? "API";

    /// <summary>A machine acts in no executor group, and has no Entra object id of its own in the log.</summary>
    public static Actor ActorOf(ClaimsPrincipal caller) => new("", NameOf(caller), new HashSet<int>());
}
