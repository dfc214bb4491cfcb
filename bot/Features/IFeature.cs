namespace ReleaseBot.Features;

/// <summary>
/// One use case of the bot, in its own folder: the commands it answers and the card actions it handles, mapped
/// onto <see cref="Routes"/>. Every feature of the assembly is found at start-up; nothing else lists them.
/// </summary>
public interface IFeature
{
    void Map(Routes routes);
}
