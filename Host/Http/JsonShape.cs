using System.Text.Json;

namespace MediaLibrary.Host.Http;

/// <summary>The minimum shape of an ingest body, checked with one forward pass of a JSON reader.</summary>
public static class JsonShape
{
    /// <summary>Null when <paramref name="body"/> is a JSON object whose "files" is a list; else the
    /// earlier host's error text.</summary>
    public static string? Problem(ReadOnlySpan<byte> body)
    {
        var reader = new Utf8JsonReader(body, new JsonReaderOptions { MaxDepth = 64 });
        try
        {
            if (!reader.Read())
            {
                return "invalid json";
            }
            if (reader.TokenType != JsonTokenType.StartObject)
            {
                return "body must be a JSON object";
            }
            bool filesIsList = false;
            bool sawFiles = false;
            while (reader.Read() && !(reader.TokenType == JsonTokenType.EndObject && reader.CurrentDepth == 0))
            {
                if (reader.TokenType != JsonTokenType.PropertyName || reader.CurrentDepth != 1)
                {
                    continue;
                }
                bool isFiles = reader.ValueTextEquals("files"u8);
                reader.Read();
                if (isFiles)
                {
                    sawFiles = true;
                    filesIsList = reader.TokenType == JsonTokenType.StartArray;
                }
                reader.Skip();
            }
            while (reader.Read())
            {
                // Anything after the object that is not whitespace makes the reader throw.
            }
            return sawFiles && filesIsList ? null : "files must be a list";
        }
        catch (JsonException)
        {
            return "invalid json";
        }
    }
}
