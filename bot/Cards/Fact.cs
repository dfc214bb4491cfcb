namespace ReleaseBot.Cards;

/// <summary>One line of a FactSet: a name and its value.</summary>
public sealed record Fact(string Name, string Value);
