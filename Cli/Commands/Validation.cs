using System.CommandLine;

namespace MediaLibrary.Cli.Commands;

/// <summary>Range checks shared by commands, so out-of-range numbers are usage errors (exit 2).</summary>
public static class Validation
{
    /// <summary>Refuses values outside [<paramref name="min"/>, <paramref name="max"/>] at parse time.</summary>
    public static Option<int> InRange(this Option<int> option, int min, int max)
    {
        option.Validators.Add(r =>
        {
            if (r.GetValueOrDefault<int>() is var v && (v < min || v > max))
            {
                r.AddError($"{option.Name} must be between {min} and {max} (got {v})");
            }
        });
        return option;
    }
}

/// <summary>Checks on PATH arguments.</summary>
public static class PathArguments
{
    /// <summary>A token that looks like an option and is no file is a mistyped option (exit 2);
    /// with <paramref name="mustExist"/>, a path that does not exist is named and refused (exit 2).</summary>
    public static Argument<string[]> Checked(this Argument<string[]> argument, bool mustExist)
    {
        argument.Validators.Add(r =>
        {
            foreach (var path in r.GetValueOrDefault<string[]>() ?? [])
            {
                bool exists = File.Exists(path) || Directory.Exists(path);
                if (path.Length == 0)
                {
                    r.AddError("an empty PATH was given");
                }
                else if (!exists && path.StartsWith('-'))
                {
                    r.AddError($"unknown option '{path}' (see --help)");
                }
                else if (!exists && mustExist)
                {
                    r.AddError($"{path}: no such file or directory");
                }
            }
        });
        return argument;
    }
}
