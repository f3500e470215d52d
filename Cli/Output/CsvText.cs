namespace MediaLibrary.Cli.Output;

/// <summary>RFC 4180 fields: quoted when they hold a comma, quote or line break.</summary>
public static class CsvText
{
    /// <summary>One field, quoted if needed.</summary>
    public static string Field(string? value)
    {
        if (value is null)
        {
            return "";
        }
        return value.AsSpan().IndexOfAny(",\"\r\n") < 0 ? value : "\"" + value.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"";
    }

    /// <summary>A line of fields.</summary>
    public static string Line(params string?[] fields) => string.Join(',', fields.Select(Field));
}
