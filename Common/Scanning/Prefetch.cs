using System.Threading.Channels;

namespace MediaLibrary.Common.Scanning;

/// <summary>
/// Enumerates a sequence on another thread, a bounded distance ahead of the consumer. The scan
/// reads the catalog's records this way while it walks the file system, so the two overlap.
/// </summary>
internal sealed class Prefetch<T> : IDisposable
{
    private readonly Channel<T> _channel;
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _producer;

    public Prefetch(IEnumerable<T> source, int capacity)
    {
        _channel = Channel.CreateBounded<T>(new BoundedChannelOptions(capacity) { SingleReader = true, SingleWriter = true });
        _producer = Task.Run(async () =>
        {
            try
            {
                foreach (var item in source)
                {
                    await _channel.Writer.WriteAsync(item, _stop.Token).ConfigureAwait(false);
                }
                _channel.Writer.TryComplete();
            }
            catch (OperationCanceledException)
            {
                _channel.Writer.TryComplete();
            }
            catch (Exception e)
            {
                _channel.Writer.TryComplete(e);
            }
        });
    }

    /// <summary>The next item, or false at the end; rethrows what the source threw.</summary>
    public bool TryNext(out T item)
    {
        while (!_channel.Reader.TryRead(out item!))
        {
            if (!_channel.Reader.WaitToReadAsync().AsTask().GetAwaiter().GetResult())
            {
                _channel.Reader.Completion.GetAwaiter().GetResult(); // surfaces the source's exception
                return false;
            }
        }
        return true;
    }

    public void Dispose()
    {
        _stop.Cancel();
        try
        {
            _producer.GetAwaiter().GetResult();
        }
        finally
        {
            _stop.Dispose();
        }
    }
}
