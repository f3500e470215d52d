namespace MediaLibrary.Common.Organizing;

/// <summary>A naming template that cannot be used: unknown token, bad format spec, unbalanced section.</summary>
public sealed class TemplateException(string message) : Exception(message);
