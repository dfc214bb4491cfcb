namespace ReleaseBot.Teams;

/// <summary>
/// The HTTP clients the SDK asks for (it asks for the unnamed one), all made from the named client
/// <see cref="Name"/>, which carries the connector timeout: a serviceUrl that never answers fails the call instead of
/// holding the turn.
/// </summary>
public sealed class ConnectorHttpClients(IHttpClientFactory clients) : IHttpClientFactory
{
    public const string Name = "BotConnector";

    public HttpClient CreateClient(string name) => clients.CreateClient(Name);
}
