namespace ReleaseBot.Tests;

/// <summary>The repository's root folder (the one holding ReleaseBot.sln), found from where the tests run.</summary>
public static class RepositoryFolder
{
    public static string Root()
    {
        for (var folder = new DirectoryInfo(AppContext.BaseDirectory); folder is not null; folder = folder.Parent)
            if (File.Exists(Path.Combine(folder.FullName, "ReleaseBot.sln"))) return folder.FullName;
        throw new InvalidOperationException($"No folder above {AppContext.BaseDirectory} holds ReleaseBot.sln.");
    }
}
