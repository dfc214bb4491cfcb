namespace ReleaseBot.Api;

/// <summary>The API's refusals, as RFC 9457 problem details.</summary>
public static class Problems
{
    public static IResult Invalid(IDictionary<string, string[]> errors) =>
        Results.ValidationProblem(errors, "Nothing was changed: correct the fields named in errors.", title: "The request is not valid");

    public static IResult NotFound(string key) => Of(StatusCodes.Status404NotFound, "Release not found", $"No release has the key '{key}'.");

    public static IResult Of(int status, string title, string detail) => Results.Problem(detail, statusCode: status, title: title);
}
