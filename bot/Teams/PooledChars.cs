using System.Buffers;
using Newtonsoft.Json;

namespace ReleaseBot.Teams;

/// <summary>Newtonsoft.Json's character buffers from the shared pool, not new ones for every activity read or written.</summary>
internal sealed class PooledChars : IArrayPool<char>
{
    public static readonly PooledChars Instance = new();

    public char[] Rent(int minimumLength) => ArrayPool<char>.Shared.Rent(minimumLength);

    public void Return(char[]? array)
    {
        if (array is not null) ArrayPool<char>.Shared.Return(array);
    }
}
