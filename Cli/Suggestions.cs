using System.CommandLine;

namespace MediaLibrary.Cli;

/// <summary>"did you mean" for a mistyped command or option: the closest name the command knows.</summary>
public static class Suggestions
{
    /// <summary>The closest subcommand or option of the parsed command (and its recursive
    /// parents' options) to <paramref name="token"/>, or null when nothing is close.</summary>
    public static string? For(ParseResult parse, string token)
    {
        var command = parse.CommandResult.Command;
        var names = new List<string>();
        names.AddRange(command.Subcommands.SelectMany(c => c.Aliases.Prepend(c.Name)));
        names.AddRange(command.Options.SelectMany(o => o.Aliases.Prepend(o.Name)));
        for (var parent = parse.CommandResult.Parent; parent is System.CommandLine.Parsing.CommandResult p; parent = p.Parent)
        {
            names.AddRange(p.Command.Options.Where(o => o.Recursive).Select(o => o.Name));
        }
        string? best = null;
        int bestDistance = int.MaxValue;
        foreach (var name in names.Distinct())
        {
            int d = Distance(token, name);
            if (d < bestDistance)
            {
                (best, bestDistance) = (name, d);
            }
        }
        return best is not null && bestDistance <= Math.Max(1, Math.Min(3, token.Length / 3)) ? best : null;
    }

    /// <summary>Damerau (optimal string alignment) distance: a swap of two letters costs 1.</summary>
    internal static int Distance(string a, string b)
    {
        var d = new int[a.Length + 1, b.Length + 1];
        for (int i = 0; i <= a.Length; i++)
        {
            d[i, 0] = i;
        }
        for (int j = 0; j <= b.Length; j++)
        {
            d[0, j] = j;
        }
        for (int i = 1; i <= a.Length; i++)
        {
            for (int j = 1; j <= b.Length; j++)
            {
                int cost = a[i - 1] == b[j - 1] ? 0 : 1;
                d[i, j] = Math.Min(Math.Min(d[i - 1, j] + 1, d[i, j - 1] + 1), d[i - 1, j - 1] + cost);
                if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1])
                {
                    d[i, j] = Math.Min(d[i, j], d[i - 2, j - 2] + 1);
                }
            }
        }
        return d[a.Length, b.Length];
    }
}
