namespace ReleaseBot.Persistence;

/// <summary>The item was written by another turn since it was read: this write was not applied.</summary>
public sealed class StateConflictException(string key)
    : Exception($"The bot state '{key}' was changed by another turn since it was read; this change was not saved.")
{
    public string Key { get; } = key;
}
