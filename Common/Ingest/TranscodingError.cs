using System.Text.Json;

namespace MediaLibrary.Common.Ingest;

/// <summary>Reads gRPC JSON transcoding's error body (<c>{"code", "message", "details"}</c>), which
/// the host and the agent re-shape into the earlier system's <c>{"detail"}</c> / <c>{"error"}</c>.</summary>
public static class TranscodingError
{
    /// <summary>The message, or null when the body is not such an error.</summary>
    public static string? Message(ReadOnlySpan<byte> body)
    {
        try
        {
            var reader = new Utf8JsonReader(body);
            using var doc = JsonDocument.ParseValue(ref reader);
            return doc.RootElement.ValueKind == JsonValueKind.Object && doc.RootElement.TryGetProperty("message", out var m) ? m.GetString() : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }
}
