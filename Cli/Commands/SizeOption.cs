using System.CommandLine;
using MediaLibrary.Cli.Output;

namespace MediaLibrary.Cli.Commands;

/// <summary>Options that take a byte count with optional K/M/G/T suffix.</summary>
public static class SizeOption
{
    /// <summary>An option parsing "10M" and friends, with a clear error for anything else.</summary>
    public static Option<long> Create(string name, string description, long defaultValue) => new(name)
    {
        Description = description + " (bytes; K, M, G, T suffixes)",
        DefaultValueFactory = _ => defaultValue,
        CustomParser = result =>
        {
            var text = result.Tokens.Count > 0 ? result.Tokens[0].Value : "";
            if (ByteSize.TryParse(text, out var bytes))
            {
                return bytes;
            }
            result.AddError($"{name}: '{text}' is not a size (examples: 0, 4096, 64K, 10M, 1G)");
            return 0;
        },
    };
}
