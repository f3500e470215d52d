using System.IO.Compression;
using System.Text.Json;
using Microsoft.AspNetCore.Http.Features;

namespace MediaLibrary.Host.Http;

/// <summary>
/// Stands in front of the transcoded POST /ingest/batch: inflates gzip bodies within the size limit
/// (a gzip bomb is refused, not inflated), answers malformed bodies with the earlier host's
/// <c>{"detail": ...}</c> errors before anything is stored. Nothing here ever answers 500 for bad input.
/// </summary>
public sealed class IngestBodyGuard(RequestDelegate next, HostOptions options)
{
    /// <summary>True for the route this guards.</summary>
    public static bool Applies(HttpContext context) =>
        HttpMethods.IsPost(context.Request.Method) && context.Request.Path.Equals("/ingest/batch", StringComparison.Ordinal);

    /// <summary>Checks the body, runs the endpoint, reshapes its errors.</summary>
    public async Task InvokeAsync(HttpContext context)
    {
        byte[] body;
        try
        {
            body = await ReadBodyAsync(context.Request, context.RequestAborted);
        }
        catch (BodyTooLargeException)
        {
            await ErrorAsync(context, StatusCodes.Status413PayloadTooLarge, $"request body exceeds {options.MaxBodyBytes} bytes");
            return;
        }
        catch (BadHttpRequestException e) when (e.StatusCode == StatusCodes.Status413PayloadTooLarge)
        {
            await ErrorAsync(context, StatusCodes.Status413PayloadTooLarge, $"request body exceeds {options.MaxBodyBytes} bytes");
            return;
        }
        catch (InvalidDataException)
        {
            await ErrorAsync(context, StatusCodes.Status400BadRequest, "invalid gzip body");
            return;
        }
        catch (NotSupportedException e)
        {
            await ErrorAsync(context, StatusCodes.Status415UnsupportedMediaType, e.Message);
            return;
        }
        if (JsonShape.Problem(body) is { } problem)
        {
            await ErrorAsync(context, StatusCodes.Status400BadRequest, problem);
            return;
        }

        context.Request.Body = new MemoryStream(body, writable: false);
        context.Request.ContentLength = body.Length;
        context.Request.Headers.ContentEncoding = default;
        // The earlier agent posts with requests' json=, which sets this; curl users may not.
        context.Request.ContentType = "application/json";

        // Transcoding's own errors (wrong types) are reshaped by ErrorBodyShaper, in front of this.
        await next(context);
    }

    private async Task<byte[]> ReadBodyAsync(HttpRequest request, CancellationToken ct)
    {
        Stream source = request.Body;
        var encoding = request.Headers.ContentEncoding.ToString().Trim();
        if (encoding.Equals("gzip", StringComparison.OrdinalIgnoreCase))
        {
            source = new GZipStream(request.Body, CompressionMode.Decompress, leaveOpen: true);
        }
        else if (encoding.Length > 0 && !encoding.Equals("identity", StringComparison.OrdinalIgnoreCase))
        {
            throw new NotSupportedException($"Content-Encoding '{encoding}' is not supported (gzip is)");
        }
        using var buffer = new MemoryStream();
        var chunk = new byte[81920];
        int n;
        while ((n = await source.ReadAsync(chunk, ct)) > 0)
        {
            if (buffer.Length + n > options.MaxBodyBytes)
            {
                throw new BodyTooLargeException();
            }
            buffer.Write(chunk, 0, n);
        }
        return buffer.ToArray();
    }

    private static async Task ErrorAsync(HttpContext context, int status, string detail)
    {
        context.Response.StatusCode = status;
        context.Response.ContentType = "application/json";
        context.Response.ContentLength = null;
        // Whatever is left of the request is not read: tell the client the connection ends here.
        if (context.Features.Get<IHttpRequestBodyDetectionFeature>()?.CanHaveBody == true && status == StatusCodes.Status413PayloadTooLarge)
        {
            context.Response.Headers.Connection = "close";
        }
        await context.Response.WriteAsync(JsonSerializer.Serialize(new { detail }), context.RequestAborted);
    }

    private sealed class BodyTooLargeException : Exception;
}
