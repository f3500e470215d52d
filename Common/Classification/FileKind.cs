namespace MediaLibrary.Common.Classification;

/// <summary>The kinds of the contract (video, image, subtitle, xml, other, unknown, junk) plus audio.</summary>
public static class FileKind
{
    public const string Video = "video";
    public const string Audio = "audio";
    public const string Image = "image";
    public const string Subtitle = "subtitle";
    public const string Xml = "xml";
    public const string Other = "other";
    public const string Unknown = "unknown";
    public const string Junk = "junk";

    /// <summary>Every kind, in the order reports list them.</summary>
    public static IReadOnlyList<string> All { get; } = [Video, Audio, Image, Subtitle, Xml, Other, Unknown, Junk];
}
