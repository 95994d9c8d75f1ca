using System.Collections.Concurrent;
using System.Diagnostics.Tracing;

/// <summary>Counts the runtime's allocation samples (one per ~100 KB allocated) by type, to show what a search
/// allocates: --alloc with --index.</summary>
internal sealed class AllocationTypes : EventListener
{
    private const EventKeywords GcKeyword = (EventKeywords)0x1;
    private readonly ConcurrentDictionary<string, long> _bytes = new();
    private volatile bool _counting;

    protected override void OnEventSourceCreated(EventSource source)
    {
        if (source.Name == "Microsoft-Windows-DotNETRuntime")
        {
            EnableEvents(source, EventLevel.Verbose, GcKeyword);
        }
    }

    protected override void OnEventWritten(EventWrittenEventArgs e)
    {
        if (!_counting || e.EventName != "GCAllocationTick_V4" || e.Payload is null) return;
        var type = e.Payload[e.PayloadNames!.IndexOf("TypeName")] as string ?? "?";
        var amount = Convert.ToInt64(e.Payload[e.PayloadNames!.IndexOf("AllocationAmount64")]);
        _bytes.AddOrUpdate(type, amount, (_, total) => total + amount);
    }

    public void Start() => _counting = true;

    public void Report(int searches, int top = 25)
    {
        _counting = false;
        var total = _bytes.Values.Sum();
        Console.WriteLine($"allocation samples by type ({total / 1024.0 / searches:F0} KiB a search sampled):");
        foreach (var (type, bytes) in _bytes.OrderByDescending(p => p.Value).Take(top))
        {
            Console.WriteLine($"  {bytes * 100.0 / total,5:F1}%  {bytes / 1024.0 / searches,7:F1} KiB  {type}");
        }
    }
}
