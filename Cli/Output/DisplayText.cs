using System.Text;

namespace MediaLibrary.Cli.Output;

/// <summary>Makes paths safe to show on a terminal: control characters (a newline in a file name,
/// an escape sequence) are shown as escapes instead of moving the cursor. JSON and CSV carry paths exactly.</summary>
public static class DisplayText
{
    /// <summary>The path with control characters escaped (\n, \t, \xHH).</summary>
    public static string Escape(string text)
    {
        if (!text.Any(char.IsControl))
        {
            return text;
        }
        var sb = new StringBuilder(text.Length + 8);
        foreach (var c in text)
        {
            sb.Append(c switch
            {
                '\n' => "\\n",
                '\r' => "\\r",
                '\t' => "\\t",
                _ when char.IsControl(c) => $"\\x{(int)c:x2}",
                _ => c.ToString(),
            });
        }
        return sb.ToString();
    }
}
